"""A sheet's PDF metadata: title, subject, creator and producer.

Qt writes them (QPdfWriter): the title and creator into the document information dictionary, and
all four into the XMP metadata packet given to `setDocumentXmpMetadata`, where the subject is
`dc:description` (ISO 32000-1, 14.3.2). QPdfWriter has no setter for the information dictionary's
Subject, and that dictionary is what pdfinfo, Evince, Okular and macOS Preview show as "Subject"; so
`with_info_subject` appends the one entry Qt cannot write as an incremental update (a new
information dictionary and a trailer pointing back at Qt's cross-reference table), which every PDF
reader honours and which leaves Qt's bytes untouched. If Qt's output ever stops ending in a classic
trailer, the PDF is kept as Qt made it (the subject is still in its XMP) and a warning is logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QPdfWriter

from catalogue import __version__

log = logging.getLogger(__name__)

CREATOR = f"ExportRef {__version__}"
PRODUCER = f"ExportRef {__version__} (Qt)"


@dataclass(frozen=True)
class PdfMetadata:
    title: str
    subject: str
    creator: str = CREATOR
    producer: str = PRODUCER

    def xmp(self, created: dt.datetime | None = None) -> bytes:
        """The XMP packet: Dublin Core title and description, the creator tool, the producer, dates."""
        when = (created or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(self.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(self.subject)}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreatorTool>{escape(self.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdf:Producer>{escape(self.producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
        return packet.encode("utf-8")

    def apply(self, writer: QPdfWriter) -> None:
        """Give `writer` the metadata, before anything is painted."""
        writer.setTitle(self.title)
        writer.setCreator(self.creator)
        writer.setDocumentXmpMetadata(QByteArray(self.xmp()))


def _pdf_text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with a byte-order mark, as a hex string (safe for any text)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def with_info_subject(data: bytes, meta: PdfMetadata) -> bytes:
    """`data` (a PDF as QPdfWriter wrote it) with an information dictionary that also has the Subject
    and our producer; `data` unchanged, with a warning, if its end is not the classic trailer."""
    startxref_at = data.rfind(b"startxref")
    trailer_at = data.rfind(b"trailer", 0, startxref_at) if startxref_at >= 0 else -1
    prev = re.match(rb"startxref\s+(\d+)\s+%%EOF", data[startxref_at:]) if startxref_at >= 0 else None
    trailer = data[trailer_at:startxref_at] if trailer_at >= 0 else b""
    size = re.search(rb"/Size\s+(\d+)", trailer)
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer)
    if not (prev and size and root and data[int(prev.group(1)) :].startswith(b"xref")):
        log.warning("the PDF does not end in a classic trailer; its Subject is in the XMP metadata only")
        return data
    obj_num = int(size.group(1))
    created = re.search(rb"/CreationDate\s*(\([^)]*\))", data)
    info = b"\n".join(
        [
            b"<<",
            b"/Title " + _pdf_text(meta.title),
            b"/Subject " + _pdf_text(meta.subject),
            b"/Creator " + _pdf_text(meta.creator),
            b"/Producer " + _pdf_text(meta.producer),
            *([b"/CreationDate " + created.group(1)] if created else []),
            b">>",
        ]
    )
    body = b"\n" + str(obj_num).encode() + b" 0 obj\n" + info + b"\nendobj\n"
    obj_offset = len(data) + 1  # after the leading newline
    xref_offset = len(data) + len(body)
    xref = b"xref\n0 1\n0000000000 65535 f \n" + f"{obj_num} 1\n{obj_offset:010d} 00000 n \n".encode()
    new_trailer = (
        f"trailer\n<< /Size {obj_num + 1} /Root ".encode()
        + root.group(1)
        + f" /Info {obj_num} 0 R /Prev {prev.group(1).decode()} >>\nstartxref\n{xref_offset}\n%%EOF\n".encode()
    )
    return data + body + xref + new_trailer
