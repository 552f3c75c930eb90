// PDF fixtures made at test time with Cairo + Pango and a CJK font from
// Debian (fonts-wqy-zenhei), so that tests read real text layers in
// Simplified, Traditional and English without committed binaries.
#ifndef DANGAN_TESTS_SUPPORT_PDF_FIXTURE_H_
#define DANGAN_TESTS_SUPPORT_PDF_FIXTURE_H_

#include <filesystem>
#include <string>
#include <vector>

namespace dangan::testing {

// Writes an A4 PDF with one page per element of pages; each page's text is
// laid out line by line ('\n' breaks lines). Returns false on failure.
bool WriteTextPdf(const std::filesystem::path& path, const std::vector<std::string>& pages);

// Writes an A4 PDF whose single page is a drawn image (a filled shape, no
// text layer): what a scanner produces.
bool WriteImageOnlyPdf(const std::filesystem::path& path);

// Writes a PNG image with the given text drawn in it (no text layer).
bool WritePng(const std::filesystem::path& path, const std::string& text);

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_PDF_FIXTURE_H_
