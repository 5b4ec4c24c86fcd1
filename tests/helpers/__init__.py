"""What tests share, in one place (no test imports another test module): ``data`` makes test
data, ``pages`` reads forms out of pages, ``pdfs`` reads PDFs back, ``project`` runs settings,
``browser`` signs in and audits pages in the real browser."""
