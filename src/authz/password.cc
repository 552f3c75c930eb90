#include "authz/password.h"

#include <sodium.h>

namespace dangan::authz {

Result<std::string> HashPassword(const std::string& password) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  if (password.empty()) return Status::InvalidArgument("the password is empty");
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Internal("crypto_pwhash_str: out of memory");
  out.resize(out.find('\0'));
  return out;
}

bool CheckPassword(const std::string& hash, const std::string& password) {
  if (sodium_init() < 0 || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace dangan::authz
