// Member names of bundles (DESIGN §4.3): decoding header bytes to UTF-8 and
// deciding whether a name or a link target stays inside the bundle. Pure
// functions over strings; the file system is never consulted.
#ifndef DANGAN_INGEST_BUNDLE_NAMES_H_
#define DANGAN_INGEST_BUNDLE_NAMES_H_

#include <string>
#include <string_view>

namespace dangan::ingest {

// The UTF-8 form of a member name as libarchive returns it (read under a
// UTF-8 locale: zip names with the UTF-8 flag, pax, 7z and rar5 names arrive
// as UTF-8; zip names without the flag and old tar names arrive as raw bytes).
// Decision, in order: valid UTF-8 -> kept (a flagged name always is, and
// Chinese GBK text is almost never valid UTF-8 while UTF-8 text usually is
// "valid" GBK, so this order keeps unflagged UTF-8 zips from macOS/Linux);
// else valid GB18030 (a superset of GBK/CP936, what Chinese Windows writes) ->
// decoded; else CP437 (the zip default code page) -> decoded, which never fails.
std::string DecodeMemberName(std::string_view raw);

enum class NameCheck {
  kOk,
  kEmpty,     // nothing left after dropping "." and empty components
  kAbsolute,  // "/x", "\x", "C:x", "C:\x", "\\server\share"
  kEscapes,   // a ".." component, with '/' or '\' as separator
};

// Normalises a decoded member name to '/'-separated components without "."
// or empty ones ("./a//b\c" -> "a/b/c"). *normalised is set only on kOk.
// Both '/' and '\' separate components: zips written on Windows use '\', and
// "..\" must be caught as well as "../".
NameCheck NormaliseMemberName(std::string_view name, std::string* normalised);

// True when a symlink at link_path (normalised, inside the bundle) with the
// given target would point outside the bundle: an absolute target, or ".."
// components climbing above the bundle's root from the link's folder.
bool SymlinkEscapes(std::string_view link_path, std::string_view target);

// The name of the single member of a lone compressed file ("report.pdf.gz" ->
// "report.pdf", "x.tgz" -> "x.tar"); the name unchanged when it has no
// compression suffix.
std::string StripCompressionSuffix(std::string_view file_name);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_BUNDLE_NAMES_H_
