// Barcodes on a cover sheet (issue 4, DESIGN §4.4 rule 2): QR codes and
// Code 128 read with libzbar from a page image. Runs in the worker.
#ifndef DANGAN_INGEST_BARCODE_H_
#define DANGAN_INGEST_BARCODE_H_

#include <string>
#include <vector>

#include "ingest/page_image.h"

namespace dangan::ingest {

// The texts of every QR code and Code 128 found on the page, in the order
// zbar reports them, without repeats. Never fails: no code, no text.
std::vector<std::string> DecodeBarcodes(const PageImage& page);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_BARCODE_H_
