// The backup manifest (RECORDS §7) and the layout of a backup destination.
//
// DEST/
//   MANIFEST.json                  the newest complete generation's manifest,
//                                  replaced (temp + rename) after it is complete
//   backup.lock                    flock: one backup or prune at a time
//   generations/STAMP/             one complete generation (STAMP = UTC
//     catalog.sqlite               20261129T094414Z): the catalog snapshot,
//     dangan.toml                  the home's configuration,
//     MANIFEST.json                written last: a folder without it is not a
//                                  generation
//   generations/STAMP.partial/     a generation being written (or left by a
//                                  killed run; the next backup removes it)
//   files/AB/SHA256                content-addressed file pool shared by all
//                                  generations: originals and kept quarantine
//                                  files, each stored once under its hash
//
// The index is not copied: restore rebuilds it from the catalog's stored
// text (DESIGN §2: it can always be rebuilt), so it always agrees with the
// restored catalog, whatever watch was committing during the backup.
#ifndef DANGAN_BACKUP_MANIFEST_H_
#define DANGAN_BACKUP_MANIFEST_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace dangan::backup {

inline constexpr const char* kManifestName = "MANIFEST.json";
inline constexpr const char* kGenerationsDir = "generations";
inline constexpr const char* kFilesDir = "files";
inline constexpr const char* kPartialSuffix = ".partial";
inline constexpr const char* kFormat = "dangan-backup 1";

// One file of a generation. path is relative to DEST; home_path is where it
// lives in a home (relative to the home), "" for the catalog and config.
struct ManifestFile {
  std::string path;
  std::string sha256;
  uint64_t size = 0;
  std::string home_path;
  std::string kind;  // original | quarantine
  int64_t doc_id = 0;  // originals: the document's id
  bool operator==(const ManifestFile&) const = default;
};

struct Manifest {
  std::string generation;  // STAMP
  std::string created_at;  // UTC ISO 8601
  std::string home;        // the home that was backed up, absolute
  ManifestFile catalog;    // generations/STAMP/catalog.sqlite
  std::optional<ManifestFile> config;  // generations/STAMP/dangan.toml
  int64_t log_seq = 0;     // the access log's last row in the snapshot
  std::string log_head;    // and its hash
  std::vector<ManifestFile> files;  // originals and quarantine files
  bool operator==(const Manifest&) const = default;
};

std::string ManifestToJson(const Manifest& m);
// kBadData naming what is wrong when text is not a manifest.
Result<Manifest> ManifestFromJson(const std::string& text);
Result<Manifest> ReadManifest(const std::filesystem::path& file);
// Through a temporary name, fsync'd, then renamed (core/fs.h WriteFileAtomic).
Status WriteManifest(const std::filesystem::path& file, const Manifest& m);

// files/AB/SHA256: where a file with this hash lives in DEST.
std::string PoolPath(const std::string& sha256);
// generations/STAMP
std::string GenerationPath(const std::string& stamp);
// The manifest of generation stamp, or DEST/MANIFEST.json when stamp is "".
std::filesystem::path ManifestPath(const std::filesystem::path& dest, const std::string& stamp);
// Complete generations in DEST (those with a manifest), oldest first.
std::vector<std::string> ListGenerations(const std::filesystem::path& dest);

}  // namespace dangan::backup

#endif  // DANGAN_BACKUP_MANIFEST_H_
