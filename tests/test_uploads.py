"""Uploaded logos: pictures re-encoded and scaled, SVGs checked, anything else refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from roles.uploads import clean_logo
from tests.helpers.data import png_bytes

pytestmark = pytest.mark.django_db


class TestLogoUpload:
    def test_a_picture_is_re_encoded_and_scaled(self):
        cleaned = clean_logo(SimpleUploadedFile("Logo Final!.png", png_bytes(3000, 600)))
        assert cleaned.name == "Logo_Final.png"
        with Image.open(cleaned) as image:
            assert image.format == "PNG"
            assert image.width == 1200

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("logo.gif", b"GIF89a" + b"\x00" * 100, "not a PNG, JPEG or SVG"),
            ("logo.png", b"MZ\x90\x00" + b"\x00" * 200, "not a PNG, JPEG or SVG"),
            ("logo.png", b"\x00" * (1024 * 1024 + 1), "at most 1 MB"),
            ("bomb.png", None, "too large"),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                "<script>",
            ),
            ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', "scripts"),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                b'<image x:href="http://127.0.0.1/x.png"/></svg>',
                "link to other files",
            ),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
                "load other files",
            ),
            (
                "logo.svg",
                b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"/>',
                "DOCTYPE",
            ),
            # A link made harmless in the file and turned into a script by an animation.
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><a href="#top">'
                b'<set attributeName="href" to="javascript:alert(1)"/><rect width="9"/></a></svg>',
                "animate a link",
            ),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                b'<a xlink:href="#top"><animate attributeName="xlink:href" '
                b'values="javascript:alert(1)" begin="0s"/><rect width="9"/></a></svg>',
                "animate a link",
            ),
            # url( written with a CSS escape (\72 is "r").
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg">'
                b"<style>rect { fill: u\\72 l(http://127.0.0.1/x.svg#p) }</style></svg>",
                "load other files",
            ),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg">'
                b'<rect style="fill: \\75rl(http://127.0.0.1/x.svg#p)" width="9"/></svg>',
                "load other files",
            ),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect { background: '
                b'image-set("http://127.0.0.1/x.png" 1x) }</style></svg>',
                "load other files",
            ),
        ],
    )
    def test_hostile_or_wrong_files_are_refused(self, name, content, message):
        if content is None:  # a small file that decodes to a huge image
            out = io.BytesIO()
            Image.new("1", (20000, 20000)).save(out, format="PNG")
            content = out.getvalue()
        with pytest.raises(ValidationError, match=message):
            clean_logo(SimpleUploadedFile(name, content))

    def test_a_clean_svg_is_kept(self):
        svg = (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            b'<rect width="10" height="5" fill="#0f4c81"/></svg>'
        )
        assert clean_logo(SimpleUploadedFile("mark.svg", svg)).read() == svg
