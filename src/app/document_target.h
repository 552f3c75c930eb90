// The gate's target for commands about one document (RECORDS §1, §2): its
// effective level and archive; a destroyed document is reported as such.
#ifndef DANGAN_APP_DOCUMENT_TARGET_H_
#define DANGAN_APP_DOCUMENT_TARGET_H_

#include <cstdint>

#include "authz/authz.h"
#include "catalog/catalog.h"

namespace dangan::app {

Result<authz::Target> DocumentTarget(catalog::Catalog& catalog, int64_t id);

}  // namespace dangan::app

#endif  // DANGAN_APP_DOCUMENT_TARGET_H_
