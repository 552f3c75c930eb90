// SHA-256 (nettle), as lower-case hex: the identity of every original.
#ifndef DANGAN_CORE_HASH_H_
#define DANGAN_CORE_HASH_H_

#include <nettle/sha2.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dangan {

// Streaming SHA-256. Not copyable while in use; one per stream.
class Sha256 {
 public:
  Sha256();
  void Update(const void* data, size_t size);
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  sha256_ctx ctx_;
};

std::string Sha256Hex(std::string_view data);
Result<std::string> Sha256File(const std::filesystem::path& path);

}  // namespace dangan

#endif  // DANGAN_CORE_HASH_H_
