#!/usr/bin/python3
"""bench/ocr: turn text PDFs into N one-page scans with known text.

    make_pages.py SRC_DIR OUT_DIR [N]

For each page of the PDFs under SRC_DIR (sorted by path, pages in order) until
N pages (default 100): OUT/NNN.ref.txt is the page's text layer (pdftotext),
OUT/NNN.jpg a 300 dpi grey scan of it (pdftoppm) lightly degraded with PIL
(skew up to +-2 degrees, blur, noise, specks, JPEG quality 70-85) and
OUT/NNN.pdf that very JPEG wrapped, unchanged, as a one-page image-only PDF
(img2pdf). Seeded: the same SRC gives the same pages.
"""
import os
import random
import subprocess
import sys
import tempfile

import img2pdf
from PIL import Image, ImageFilter

DPI = 300


def pages_of(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def degrade(img, rng):
    img = img.convert("L")
    angle = rng.uniform(-2.0, 2.0)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    noise = Image.effect_noise(img.size, rng.uniform(8, 16))  # grey noise around 128
    img = Image.blend(img, noise, 0.12)
    img = img.point(lambda v: min(255, int(v * 1.12)))  # paper back towards white
    px = img.load()
    w, h = img.size
    for _ in range(rng.randint(200, 800)):  # dust specks
        x, y = rng.randrange(1, w - 1), rng.randrange(1, h - 1)
        px[x, y] = px[x + 1, y] = px[x, y + 1] = rng.randint(0, 90)
    return img, angle


def main():
    src, out = sys.argv[1], sys.argv[2]
    want = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    os.makedirs(out, exist_ok=True)
    pdfs = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs
                  if f.lower().endswith(".pdf"))
    rng = random.Random(5)
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            for p in range(1, pages_of(pdf) + 1):
                if n == want:
                    return
                n += 1
                stem = os.path.join(out, "%03d" % n)
                subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(p), "-l", str(p), pdf,
                                stem + ".ref.txt"], check=True)
                subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(p), "-l", str(p),
                                "-singlefile", pdf, os.path.join(tmp, "p")], check=True)
                img, angle = degrade(Image.open(os.path.join(tmp, "p.pgm")), rng)
                img.save(stem + ".jpg", "JPEG", quality=rng.randint(70, 85), dpi=(DPI, DPI))
                with open(stem + ".pdf", "wb") as f:
                    f.write(img2pdf.convert(stem + ".jpg"))
                with open(stem + ".src", "w") as f:
                    f.write("%s\t%d\t%.2f\n" % (os.path.relpath(pdf, src), p, angle))
    if n < want:
        sys.exit("make_pages: only %d pages under %s" % (n, src))


if __name__ == "__main__":
    main()
