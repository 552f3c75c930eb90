#include "ingest/bundle_names.h"

#include <array>
#include <vector>

#include "core/csv_reader.h"
#include "core/utf8.h"

namespace dangan::ingest {
namespace {

// Bytes 0x80-0xFF of IBM code page 437, the zip default (APPNOTE appendix D).
constexpr std::u32string_view kCp437High =
    U"ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»"
    U"░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"
    U"αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0";
static_assert(kCp437High.size() == 128);

std::string Cp437ToUtf8(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (char c : raw) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      AppendUtf8(kCp437High[byte - 0x80], &out);
    }
  }
  return out;
}

bool IsSeparator(char c) { return c == '/' || c == '\\'; }

// "C:" at the start: a Windows drive, absolute or drive-relative; both leave
// the bundle when extracted on Windows.
bool HasDriveLetter(std::string_view name) {
  if (name.size() < 2 || name[1] != ':') return false;
  char c = name[0];
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::vector<std::string_view> SplitComponents(std::string_view name) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || IsSeparator(name[i])) {
      std::string_view part = name.substr(start, i - start);
      if (!part.empty() && part != ".") parts.push_back(part);
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

std::string DecodeMemberName(std::string_view raw) {
  if (IsValidUtf8(raw)) return std::string(raw);
  auto gbk = Gb18030ToUtf8(raw);
  if (gbk.ok()) return SanitiseUtf8(*gbk);
  return Cp437ToUtf8(raw);
}

NameCheck NormaliseMemberName(std::string_view name, std::string* normalised) {
  if (!name.empty() && IsSeparator(name[0])) return NameCheck::kAbsolute;
  if (HasDriveLetter(name)) return NameCheck::kAbsolute;
  std::vector<std::string_view> parts = SplitComponents(name);
  std::string joined;
  for (std::string_view part : parts) {
    if (part == "..") return NameCheck::kEscapes;
    if (!joined.empty()) joined.push_back('/');
    joined.append(part);
  }
  if (joined.empty()) return NameCheck::kEmpty;
  *normalised = std::move(joined);
  return NameCheck::kOk;
}

bool SymlinkEscapes(std::string_view link_path, std::string_view target) {
  if (target.empty()) return false;  // dangling, points nowhere
  if (IsSeparator(target[0]) || HasDriveLetter(target)) return true;
  // Depth of the link's folder below the bundle root, then walk the target.
  std::vector<std::string_view> folder = SplitComponents(link_path);
  if (!folder.empty()) folder.pop_back();
  size_t depth = folder.size();
  for (std::string_view part : SplitComponents(target)) {
    if (part != "..") {
      ++depth;
    } else if (depth == 0) {
      return true;
    } else {
      --depth;
    }
  }
  return false;
}

std::string StripCompressionSuffix(std::string_view file_name) {
  struct Suffix {
    std::string_view from, to;
  };
  static constexpr std::array<Suffix, 10> kSuffixes{{
      {".tgz", ".tar"},
      {".tbz2", ".tar"},
      {".tbz", ".tar"},
      {".txz", ".tar"},
      {".gz", ""},
      {".bz2", ""},
      {".xz", ""},
      {".zst", ""},
      {".lz", ""},
      {".lzma", ""},
  }};
  for (const Suffix& s : kSuffixes) {
    if (file_name.size() <= s.from.size()) continue;
    std::string_view tail = file_name.substr(file_name.size() - s.from.size());
    bool same = true;
    for (size_t i = 0; i < tail.size(); ++i) {
      char c = tail[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != s.from[i]) same = false;
    }
    if (same) {
      return std::string(file_name.substr(0, file_name.size() - s.from.size())) + std::string(s.to);
    }
  }
  return std::string(file_name);
}

}  // namespace dangan::ingest
