// The one mapping from a Status to what the outside sees (STYLE §3): the
// process exit code (DESIGN §8, sysexits) and the JSON error code (§9).
#ifndef DANGAN_APP_EXIT_CODES_H_
#define DANGAN_APP_EXIT_CODES_H_

#include "core/status.h"

namespace dangan::app {

int ExitCodeFor(const Status& s);
const char* JsonCode(StatusCode c);

}  // namespace dangan::app

#endif  // DANGAN_APP_EXIT_CODES_H_
