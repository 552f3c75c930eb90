// Router: decides the archive a document is filed under (DESIGN §4.4), in
// the design's order, first match wins: folder, barcode, printed number,
// USCC, client code or registered name; else unfiled with the candidates.
// Two clients matching at the same rule is ambiguity, never guessed.
// Immutable after construction; a pure function of its inputs.
#ifndef DANGAN_INGEST_ROUTER_H_
#define DANGAN_INGEST_ROUTER_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/records.h"
#include "core/archive_no.h"
#include "core/text_fold.h"
#include "core/types.h"

namespace dangan::ingest {

struct RouteInput {
  // Names of the folders the input sits in, nearest first: bundle folders
  // inside out, then drop folders up to the drop itself.
  std::vector<std::string> folders;
  std::vector<std::string> barcodes;  // decoded from page 1 (issue 4)
  std::string page1;     // cleaned text of page 1, own script
  std::string all_text;  // cleaned text of every page, own script
};

struct RouteDecision {
  std::optional<std::string> archive_no;  // nullopt: unfiled
  RoutedBy routed_by = RoutedBy::kUnfiled;
  std::vector<catalog::Candidate> candidates;
};

class Router {
 public:
  // clients: copied. folder: borrowed, must outlive the router.
  Router(const std::vector<catalog::Client>& clients, ArchiveNumberRule rule,
         std::string own_uscc, const std::string& own_name, const TextFolder* folder);

  RouteDecision Route(const RouteInput& in) const;

 private:
  // Each rule returns true when it decided (filed, or ambiguous -> unfiled).
  bool ByFolder(const RouteInput& in, RouteDecision* d) const;
  bool ByBarcode(const RouteInput& in, RouteDecision* d) const;
  bool ByPrintedNumber(const RouteInput& in, RouteDecision* d) const;
  bool ByUscc(const RouteInput& in, RouteDecision* d) const;
  bool ByClientCode(const std::string& all_text, RouteDecision* d) const;
  // One client matched: filed. Several: unfiled with each as a candidate.
  bool Decide(const std::vector<std::string>& archive_nos, RoutedBy rule, const std::string& why,
              RouteDecision* d) const;
  bool Known(const std::string& archive_no) const { return clients_.count(archive_no) > 0; }

  std::unordered_map<std::string, catalog::Client> clients_;  // by archive_no
  std::unordered_map<std::string, std::string> by_uscc_;      // uscc -> archive_no
  std::unordered_map<std::string, std::string> by_code_;      // upper-case code -> archive_no
  std::vector<std::pair<std::string, std::string>> names_;    // folded name -> archive_no
  ArchiveNumberRule rule_;
  std::string own_uscc_;
  std::string own_name_folded_;
  const TextFolder* folder_;
};

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_ROUTER_H_
