// CsvReader: a quoted CSV file (RFC 4180, libcsv strict mode) as rows of UTF-8
// fields. Input is UTF-8 (with or without BOM) or GB18030; the encoding is
// decided once for the whole file.
#ifndef DANGAN_CORE_CSV_READER_H_
#define DANGAN_CORE_CSV_READER_H_

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace dangan {

struct CsvRow {
  int line = 0;  // line of the file where the row starts; the header is line 1
  std::vector<std::string> fields;
};

struct CsvFile {
  std::string encoding;  // "utf-8" or "gb18030"
  std::vector<CsvRow> rows;  // header first; blank lines skipped
};

// kBadData names the file and line for a malformed file (an unclosed quote).
Result<CsvFile> ReadCsvFile(const std::filesystem::path& path);
Result<CsvFile> ParseCsv(std::string_view bytes, const std::string& name);

// GB18030 -> UTF-8 with iconv; kBadData if the bytes are not GB18030.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);
// True when bytes are valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace dangan

#endif  // DANGAN_CORE_CSV_READER_H_
