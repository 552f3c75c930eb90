#include "core/text_fold.h"

#include <opencc/opencc.h>
#include <unicode/uchar.h>

#include <exception>

#include "core/utf8.h"

namespace dangan {

std::string RemoveCjkSpaces(std::string_view text, bool across_lines) {
  std::u32string in = DecodeUtf8(text);
  std::u32string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    char32_t c = in[i];
    if (!IsSpace(c) || out.empty() || !IsCjk(out.back())) {
      out.push_back(c);
      ++i;
      continue;
    }
    // A run of white space after a CJK character: drop it when the next
    // non-space character is CJK too (and the run has no line break, unless
    // across_lines).
    size_t j = i;
    bool has_break = false;
    while (j < in.size() && IsSpace(in[j])) {
      if (in[j] == '\n' || in[j] == '\r' || in[j] == 0x2028 || in[j] == 0x2029 || in[j] == '\f')
        has_break = true;
      ++j;
    }
    bool drop = j < in.size() && IsCjk(in[j]) && (across_lines || !has_break);
    if (!drop) out.append(in, i, j - i);
    i = j;
  }
  return EncodeUtf8(out);
}

std::string CleanExtractedText(std::string_view text) {
  std::u32string in = DecodeUtf8(text);
  std::u32string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    if (c == '\r') {
      if (i + 1 < in.size() && in[i + 1] == '\n') continue;
      c = '\n';
    }
    if (c == '\f') c = '\n';
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
        c == 0xFEFF || c == 0x200B)
      continue;
    out.push_back(c);
  }
  return RemoveCjkSpaces(EncodeUtf8(out), /*across_lines=*/false);
}

std::string FoldWidthAndCase(std::string_view text) {
  std::u32string in = DecodeUtf8(text);
  for (char32_t& c : in) {
    if (c >= 0xFF01 && c <= 0xFF5E) {
      c = c - 0xFF01 + 0x21;
    } else if (c == 0x3000) {
      c = ' ';
    }
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    } else {
      UChar32 lower = u_tolower(static_cast<UChar32>(c));
      if (lower > 0) c = static_cast<char32_t>(lower);
    }
  }
  return EncodeUtf8(in);
}

TextFolder::TextFolder(std::unique_ptr<opencc::SimpleConverter> t2s) : t2s_(std::move(t2s)) {}
TextFolder::~TextFolder() = default;

Result<std::unique_ptr<TextFolder>> TextFolder::Create() {
  try {
    auto conv = std::make_unique<opencc::SimpleConverter>("t2s.json");
    return std::unique_ptr<TextFolder>(new TextFolder(std::move(conv)));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("OpenCC t2s.json: ") + e.what());
  }
}

std::string TextFolder::ToSimplified(std::string_view text) const {
  if (text.empty()) return {};
  try {
    return t2s_->Convert(text.data(), text.size());
  } catch (const std::exception&) {
    return std::string(text);  // OpenCC rejects only invalid UTF-8, sanitised before
  }
}

std::string TextFolder::Fold(std::string_view text) const {
  return ToSimplified(FoldWidthAndCase(text));
}

std::string TextFolder::FoldForIndex(std::string_view text) const {
  return RemoveCjkSpaces(Fold(text), /*across_lines=*/true);
}

}  // namespace dangan
