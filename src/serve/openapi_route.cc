// GET /api/v1/openapi.json: the API's OpenAPI 3 description, src/serve/
// openapi.json compiled in (tests check it against the running server).
#include "serve/api.h"

namespace dangan::serve {

extern const char kOpenApiJson[];

void AddOpenApiRoute(httplib::Server& server) {
  server.Get(std::string(kApi) + "/openapi.json",
             [](const httplib::Request&, httplib::Response& res) {
               res.set_content(kOpenApiJson, "application/json; charset=utf-8");
             });
}

}  // namespace dangan::serve
