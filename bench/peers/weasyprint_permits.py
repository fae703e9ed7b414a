"""WeasyPrint side of bench/peers/pdf.sh: renders bench/peers/permit.html COUNT times in this
process after a warm-up, a different number and name each time (as the Ruqsat side does).

Usage: weasyprint_permits.py SAMPLE_DIR COUNT. SAMPLE_DIR holds what the Ruqsat side wrote
(qr.pgm, seal.txt); the fonts are found through fontconfig (FONTCONFIG_FILE set by pdf.sh).
The QR code is turned into a PNG data URI once, before the clock starts. Writes a sample
weasyprint-permit.pdf (serial 1) to SAMPLE_DIR and prints `key value` lines.
"""

import base64
import html
import io
import string
import sys
import time
from pathlib import Path

from PIL import Image
from weasyprint import HTML, __version__

sample, count = Path(sys.argv[1]), int(sys.argv[2])
template = string.Template(Path(__file__).with_name("permit.html").read_text(encoding="utf-8"))
png = io.BytesIO()
Image.open(sample / "qr.pgm").save(png, "PNG")
qr = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
seal = (sample / "seal.txt").read_text().strip()


def render(serial):
    page = template.substitute(
        number=f"KZ-TRP-2026-{serial:07}",
        name=html.escape(f"TESTOV{serial} DEMO"),
        passport=f"FA{serial:07}",
        address=html.escape(f"Алматы қ., Example көшесі, {serial} үй"),
        seal=seal,
        qr=qr,
    )
    return HTML(string=page).write_pdf()


(sample / "weasyprint-permit.pdf").write_bytes(render(1))
for serial in range(5):
    render(1_000_000 + serial)
print(f"permits: rendering {count} permits with WeasyPrint {__version__}", file=sys.stderr)
started = time.perf_counter()
for serial in range(2, count + 2):
    render(serial)
elapsed = time.perf_counter() - started
print(f"version {__version__}")
print(f"seconds {elapsed:.3f}")
print(f"permits_per_second {count / elapsed:.1f}")
