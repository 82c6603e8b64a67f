"""A sheet's PDF metadata (gui.pdf_metadata): written through Qt's API, read back with poppler.

The subject names the as-of date, the verified-to date, the fingerprint, the data set and the
disclaimer. It is in the XMP packet Qt writes (dc:description) and in the information dictionary that
pdfinfo, Evince and Preview show (added after Qt's bytes, which Qt has no setter for).
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from catalogue.load import load_catalogue
from catalogue.present.html import DISCLAIMER, render_sheet
from gui.pdf_metadata import PRODUCER, PdfMetadata, with_info_subject
from gui.printing import SheetJob, write_pdf

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
AS_OF = dt.date(2026, 1, 1)
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}


def pdfinfo(*args: str) -> str:
    return subprocess.run(["pdfinfo", *args], capture_output=True, text=True, check=True).stdout


def xmp_fields(packet: str) -> dict[str, str]:
    root = ET.fromstring(packet[packet.index("<x:xmpmeta") : packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")])
    found = {}
    for name in ("dc:title", "dc:description"):
        item = root.find(f".//{name}/rdf:Alt/rdf:li", NS)
        assert item is not None, name
        found[name] = item.text or ""
    for name in ("xmp:CreatorTool", "pdf:Producer", "dc:format"):
        item = root.find(f".//{name}", NS)
        assert item is not None, name
        found[name] = item.text or ""
    return found


def test_the_xmp_packet_is_well_formed_and_escapes_markup() -> None:
    meta = PdfMetadata("A & B <sheet> 稀土", "as of 2026-01-01 & verified")
    fields = xmp_fields(meta.xmp(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)).decode("utf-8"))
    assert fields["dc:title"] == "A & B <sheet> 稀土"
    assert fields["dc:description"] == "as of 2026-01-01 & verified"
    assert fields["pdf:Producer"] == PRODUCER and fields["dc:format"] == "application/pdf"


@pytest.mark.usefixtures("pdftotext")
def test_a_written_sheet_carries_its_metadata_in_both_places(qapp: QApplication, tmp_path: Path) -> None:
    cat = load_catalogue(MINIMAL).catalogue
    pdf = tmp_path / "meta.pdf"
    pages = render_sheet([cat.get("non-ferrous-metallurgy")], cat, as_of=AS_OF)
    write_pdf(pages, pdf, title="ExportRef — Sheet", cat=cat, as_of=AS_OF)
    subject = SheetJob.for_catalogue("ExportRef — Sheet", cat, AS_OF).subject
    assert f"status as of {AS_OF}" in subject and cat.fingerprint in subject and DISCLAIMER in subject
    info = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in pdfinfo(str(pdf)).splitlines())}
    assert info["Title"] == "ExportRef — Sheet"
    assert info["Subject"] == subject
    assert info["Creator"].startswith("ExportRef ") and info["Producer"] == PRODUCER
    fields = xmp_fields(pdfinfo("-meta", str(pdf)))
    assert fields["dc:title"] == "ExportRef — Sheet"
    assert fields["dc:description"] == subject
    assert fields["xmp:CreatorTool"] == info["Creator"] and fields["pdf:Producer"] == PRODUCER


def test_a_pdf_without_a_classic_trailer_is_kept_as_it_is(caplog: pytest.LogCaptureFixture) -> None:
    """Were Qt to write a cross-reference stream, the Info entry would be left out, not the PDF."""
    data = b"%PDF-1.7\n1 0 obj\n<< /Type /XRef /Size 3 /Root 2 0 R >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n"
    with caplog.at_level(logging.WARNING, logger="gui.pdf_metadata"):
        assert with_info_subject(data, PdfMetadata("t", "s")) == data
    assert "XMP metadata only" in caplog.text
