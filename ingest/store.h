// Store: the durable steps on originals (DESIGN §2, §4): claim into
// store/.staging, file into store/ARCHIVE_NO, quarantine into quarantine/ID.
// Nothing under store/ is modified in place; stored files are mode 0444.
// Used by the coordinator thread only; the caller holds dangan.lock.
#ifndef DANGAN_INGEST_STORE_H_
#define DANGAN_INGEST_STORE_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "core/fs.h"
#include "core/home.h"
#include "core/status.h"

namespace dangan::ingest {

struct Claimed {
  std::filesystem::path staging;  // the fsync'd copy in store/.staging
  std::string sha256;
  uint64_t size = 0;
  // The input as it was copied: it is removed later only if it is still the
  // same file (a scanner may have written a new one under the same name).
  std::optional<FileIdentity> input;
};

class Store {
 public:
  explicit Store(Home home) : home_(std::move(home)) {}

  // Claim: copy input into store/.staging while hashing it, then fsync the
  // copy. The input is left in place; the hash is of the bytes now in staging.
  // kBusy when the input changed during the copy (still being written).
  Result<Claimed> Claim(const std::filesystem::path& input);
  // Adopts a file already inside store/.staging (a bundle member the worker
  // wrote): hashes and fsyncs it where it lies.
  Result<Claimed> Adopt(const std::filesystem::path& staged);
  // A fresh folder inside store/.staging for a bundle's members.
  Result<std::filesystem::path> NewStagingDir();

  // FileOriginal: move a claimed original into the store.
  // Before: claimed.staging fsync'd; no catalog row for it yet.
  //   1. chmod 0444   2. rename to store/ARCHIVE_NO/SHA256.EXT   3. fsync store/ARCHIVE_NO
  // The caller then commits the catalog row, and only after that removes the
  // input (DESIGN §4.6). Crash after 2–3: a store file without a row, which
  // Reconcile() removes while the input is still in the drop.
  // Returns the stored path relative to the home.
  Result<std::string> FileOriginal(const Claimed& claimed, const std::string& archive_no,
                                   const std::string& ext);
  // Moves a stored original to another archive folder (filing by hand).
  Result<std::string> Refile(const std::string& stored_path, const std::string& archive_no);

  // Quarantine: keep the bytes at quarantine/ID/NAME with reason.json.
  // Before: item.id assigned by the catalog (row not yet committed).
  //   1. quarantine/ID emptied or created
  //   2. bytes there: a staging copy is moved (it is ours); an input that was
  //      never claimed (empty, too large, a symlink) is linked or copied, so
  //      it stays in the drop until the row commits
  //   3. reason.json   4. fsync quarantine/
  // The caller then commits the row and removes the input. Crash before the
  // commit: Reconcile() removes quarantine/ID; the input is still in the drop.
  enum class Bytes { kStagingCopy, kInput };
  Status Quarantine(const catalog::QuarantineItem& item, const std::filesystem::path& bytes,
                    Bytes kind);

  // Removes leftovers of an interrupted run: every file in store/.staging.
  // Their inputs are still in the drop (an input is removed only after its
  // row commits), so nothing is lost.
  Result<int> ClearStaging();

  const Home& home() const { return home_; }

 private:
  Home home_;
  uint64_t counter_ = 0;
};

// Removes an input after its outcome is durable, if it is still the file
// that was taken (same identity); a file replaced since is left for the next
// ingest and *kept is set. A missing file is fine (a watcher racing us).
Status RemoveInput(const std::filesystem::path& input, const std::optional<FileIdentity>& taken,
                   bool* kept);

// True when archive_no can name a folder under store/: one path component,
// not "." or "..", no '/' or NUL (a loose archive.number_pattern must never
// lead outside store/).
bool IsSafeFolderName(const std::string& archive_no);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_STORE_H_
