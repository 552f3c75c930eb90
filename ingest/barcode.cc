#include "ingest/barcode.h"

#include <allheaders.h>  // Leptonica
#include <zbar.h>  // its C API lives in namespace zbar under C++

#include <algorithm>
#include <memory>

namespace dangan::ingest {
namespace {

template <auto Fn>
struct CDeleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};
using ScannerPtr = std::unique_ptr<zbar::zbar_image_scanner_t, CDeleter<zbar::zbar_image_scanner_destroy>>;
using ZbarImagePtr = std::unique_ptr<zbar::zbar_image_t, CDeleter<zbar::zbar_image_destroy>>;

// The page as zbar's Y800: one byte per pixel, rows unpadded (Leptonica pads
// rows to 32-bit words and keeps bytes in word order).
std::vector<unsigned char> Y800Of(Pix* grey) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey), wpl = pixGetWpl(grey);
  std::vector<unsigned char> out(static_cast<size_t>(w) * static_cast<size_t>(h));
  const l_uint32* data = pixGetData(grey);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    unsigned char* row = out.data() + static_cast<ptrdiff_t>(y) * w;
    for (int x = 0; x < w; ++x) row[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  return out;
}

}  // namespace

std::vector<std::string> DecodeBarcodes(const PageImage& page) {
  std::vector<std::string> texts;
  if (!page.pix) return texts;
  PixPtr grey(pixGetDepth(page.pix.get()) == 8 && pixGetColormap(page.pix.get()) == nullptr
                  ? pixClone(page.pix.get())
                  : pixConvertTo8(page.pix.get(), 0));
  if (!grey) return texts;
  std::vector<unsigned char> y800 = Y800Of(grey.get());

  ScannerPtr scanner(zbar::zbar_image_scanner_create());
  ZbarImagePtr image(zbar::zbar_image_create());
  if (!scanner || !image) return texts;
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_CODE128, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(image.get(), static_cast<unsigned>(pixGetWidth(grey.get())),
                      static_cast<unsigned>(pixGetHeight(grey.get())));
  // Borrowed: y800 outlives the image's use (no cleanup handler).
  zbar::zbar_image_set_data(image.get(), y800.data(), y800.size(), nullptr);
  if (zbar::zbar_scan_image(scanner.get(), image.get()) <= 0) return texts;
  for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(image.get()); symbol != nullptr;
       symbol = zbar::zbar_symbol_next(symbol)) {
    std::string text(zbar::zbar_symbol_get_data(symbol), zbar::zbar_symbol_get_data_length(symbol));
    if (!text.empty() && std::find(texts.begin(), texts.end(), text) == texts.end())
      texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace dangan::ingest
