// Password hashing for the web login (RECORDS §1): Argon2id with libsodium's
// crypto_pwhash_str (interactive limits). The hash string carries its own
// salt and parameters.
#ifndef DANGAN_AUTHZ_PASSWORD_H_
#define DANGAN_AUTHZ_PASSWORD_H_

#include <string>

#include "core/status.h"

namespace dangan::authz {

Result<std::string> HashPassword(const std::string& password);
bool CheckPassword(const std::string& hash, const std::string& password);

}  // namespace dangan::authz

#endif  // DANGAN_AUTHZ_PASSWORD_H_
