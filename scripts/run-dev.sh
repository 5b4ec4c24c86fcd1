#!/usr/bin/env bash
# `make run`: the development server and one background task worker, started together and
# stopped together by one Ctrl+C (or when either of them ends), leaving no process behind.
set -u
python=$1
address=$2

# E-mail links point at this server (PORT=…), unless DJANGO_SITE_URL names another address.
export DJANGO_SITE_URL="${DJANGO_SITE_URL:-http://$address}"

"$python" manage.py run_worker &
worker=$!
stop_worker() {
  kill -TERM "$worker" 2>/dev/null
  wait "$worker" 2>/dev/null
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

echo "JD Builder is starting on http://$address/ with a task worker (Ctrl+C stops both)"
"$python" manage.py runserver "$address"
