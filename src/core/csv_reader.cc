#include "core/csv_reader.h"

#include <csv.h>
#include <iconv.h>

#include <cerrno>
#include <memory>

#include "core/fs.h"
#include <unicode/utf8.h>

namespace dangan {
namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// libcsv callbacks gather fields into rows, remembering where each row began.
struct ParseState {
  CsvFile* file = nullptr;
  std::vector<std::string> fields;
  std::string_view bytes;
  size_t consumed = 0;  // bytes handed to csv_parse before the current chunk
  int row_start_line = 1;
  int current_line = 1;
};

void OnField(void* data, size_t len, void* state) {
  auto* s = static_cast<ParseState*>(state);
  s->fields.emplace_back(static_cast<const char*>(data), len);
}

void OnRow(int /*terminator*/, void* state) {
  auto* s = static_cast<ParseState*>(state);
  bool blank = s->fields.empty() || (s->fields.size() == 1 && s->fields[0].empty());
  if (!blank) s->file->rows.push_back({s->row_start_line, std::move(s->fields)});
  s->fields.clear();
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(bytes.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

Result<std::string> Gb18030ToUtf8(std::string_view bytes) {
  iconv_t raw = iconv_open("UTF-8", "GB18030");
  if (raw == reinterpret_cast<iconv_t>(-1))  // NOLINT(performance-no-int-to-ptr): iconv's API
    return Status::Internal("iconv_open GB18030 failed");
  std::unique_ptr<void, IconvCloser> cd(raw);
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_p = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_p = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    size_t r = iconv(static_cast<iconv_t>(cd.get()), &in_p, &in_left, &out_p, &out_left);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        size_t used = static_cast<size_t>(out_p - out.data());
        out.resize(out.size() * 2);
        out_p = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      return Status::BadData("not GB18030 at byte " + std::to_string(bytes.size() - in_left));
    }
  }
  out.resize(static_cast<size_t>(out_p - out.data()));
  return out;
}

Result<CsvFile> ParseCsv(std::string_view bytes, const std::string& name) {
  CsvFile file;
  std::string text;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (IsValidUtf8(bytes)) {
    file.encoding = "utf-8";
    text.assign(bytes);
  } else {
    auto converted = Gb18030ToUtf8(bytes);
    if (!converted.ok()) return Status::BadData(name + ": neither UTF-8 nor GB18030 (" +
                                                converted.status().message() + ")");
    file.encoding = "gb18030";
    text = std::move(converted).value();
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return Status::Internal("csv_init failed");
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  ParseState state;
  state.file = &file;
  // Feed line by line so each row knows the line it started on.
  size_t pos = 0;
  int line = 1;
  bool at_row_start = true;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    size_t rows_before = file.rows.size();
    if (at_row_start) state.row_start_line = line;
    if (csv_parse(&parser, text.data() + pos, end - pos, OnField, OnRow, &state) != end - pos)
      return Status::BadData(name + ":" + std::to_string(line) + ": " +
                             csv_strerror(csv_error(&parser)));
    // A row ended on this line when a row was emitted or the fields were reset.
    at_row_start = file.rows.size() > rows_before || state.fields.empty();
    pos = end;
    ++line;
  }
  if (csv_fini(&parser, OnField, OnRow, &state) != 0)
    return Status::BadData(name + ": " + csv_strerror(csv_error(&parser)) + " at end of file");
  return file;
}

Result<CsvFile> ReadCsvFile(const std::filesystem::path& path) {
  auto bytes = ReadFile(path, 256u << 20);
  if (!bytes.ok()) return bytes.status();
  return ParseCsv(*bytes, path.string());
}

}  // namespace dangan
