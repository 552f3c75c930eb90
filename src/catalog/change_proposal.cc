#include "catalog/change_proposal.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

#include "catalog/client_import.h"
#include "core/uscc.h"

namespace dangan::catalog {
namespace {

using nlohmann::json;

template <size_t N>
bool Listed(const char* const (&names)[N], const std::string& name) {
  return std::find_if(std::begin(names), std::end(names),
                      [&](const char* n) { return name == n; }) != std::end(names);
}

template <size_t N>
std::string Joined(const char* const (&names)[N]) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::optional<int64_t> ParseDocId(const std::string& s) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// KEY=VALUE pairs, each key once and listed.
template <size_t N>
Result<std::vector<std::pair<std::string, std::string>>> ParseSets(
    const std::vector<std::string>& sets, const char* const (&keys)[N], const char* what) {
  if (sets.empty()) return Status::InvalidArgument(std::string("give at least one --set KEY=VALUE (") + what + " keys: " + Joined(keys) + ")");
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& s : sets) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument("--set " + s + ": expected KEY=VALUE");
    std::string key = Trim(s.substr(0, eq));
    if (!Listed(keys, key))
      return Status::InvalidArgument(fmt::format("--set {}: {} is not a {} field (one of: {})", s,
                                                 key, what, Joined(keys)));
    for (const auto& [k, v] : out)
      if (k == key) return Status::InvalidArgument("--set " + key + " given twice");
    out.emplace_back(key, Trim(s.substr(eq + 1)));
  }
  return out;
}

Result<Client> NeedClient(Catalog* catalog, const std::string& archive_no) {
  auto c = catalog->GetClient(archive_no);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::NotFound("no client with archive number " + archive_no);
  return **c;
}

Result<Document> NeedDocument(Catalog* catalog, int64_t id) {
  auto d = catalog->GetDocument(id);
  if (!d.ok()) return d.status();
  if (!d->has_value()) return Status::NotFound("no document " + std::to_string(id));
  return **d;
}

std::string ClientValue(const Client& c, const std::string& key) {
  if (key == "name") return c.name;
  if (key == "uscc") return c.uscc;
  if (key == "client_code") return c.client_code;
  if (key == "type") return c.type;
  if (key == "legal_rep") return c.legal_rep;
  if (key == "address") return c.address;
  if (key == "phone") return c.phone;
  if (key == "credit_rating") return c.credit_rating;
  if (key == "retention") return c.retention;
  return c.opened;  // "opened"
}

void SetClientValue(Client* c, const std::string& key, const std::string& v) {
  if (key == "name") c->name = v;
  else if (key == "uscc") c->uscc = v;
  else if (key == "client_code") c->client_code = v;
  else if (key == "type") c->type = v;
  else if (key == "legal_rep") c->legal_rep = v;
  else if (key == "address") c->address = v;
  else if (key == "phone") c->phone = v;
  else if (key == "credit_rating") c->credit_rating = v;
  else if (key == "retention") c->retention = v;
  else c->opened = v;
}

json FieldValue(const Document& d, const std::string& key) {
  if (key == "contract_no") return Opt(d.fields.contract_no);
  if (key == "invoice_no") return Opt(d.fields.invoice_no);
  if (key == "date") return Opt(d.fields.date);
  if (key == "amount") return Opt(d.fields.amount);
  if (key == "currency") return Opt(d.fields.currency);
  if (key == "uscc") return Opt(d.fields.uscc);
  if (key == "doc_type") return ToString(d.doc_type);
  return d.title;  // "title"
}

// A document field's new value, checked; null clears it.
Result<json> FieldAfter(const std::string& key, const std::string& v) {
  if (v.empty()) {
    if (key == "doc_type" || key == "title")
      return Status::InvalidArgument(key + " cannot be cleared");
    return json(nullptr);
  }
  if (key == "date" && !IsIsoDate(v))
    return Status::InvalidArgument("date=" + v + ": expected a real day as YYYY-MM-DD");
  if (key == "amount" && !std::regex_match(v, std::regex("[0-9]+(\\.[0-9]{1,2})?")))
    return Status::InvalidArgument("amount=" + v + ": expected a decimal number such as 1250000.00");
  if (key == "currency") {
    std::string up = v;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return std::toupper(c); });
    if (!std::regex_match(up, std::regex("[A-Z]{3}")))
      return Status::InvalidArgument("currency=" + v + ": expected an ISO 4217 code such as CNY");
    return json(up);
  }
  if (key == "uscc") {
    std::string u = NormaliseUscc(v);
    if (!IsValidUscc(u))
      return Status::InvalidArgument("uscc=" + v + ": not a unified social credit code (length, "
                                     "alphabet or check digit)");
    return json(u);
  }
  if (key == "doc_type" && !ParseDocType(v))
    return Status::InvalidArgument("doc_type=" + v + ": one of contract, invoice, form, letter, other");
  return json(v);
}

// The values the keys of after have in the catalog now.
Result<json> Capture(Catalog* catalog, const Change& c, const json& after) {
  json before = json::object();
  if (c.kind == "client") {
    DANGAN_ASSIGN_OR_RETURN(Client client, NeedClient(catalog, c.target));
    for (const auto& [key, v] : after.items()) before[key] = ClientValue(client, key);
  } else if (c.kind == "renumber") {
    DANGAN_ASSIGN_OR_RETURN(Client client, NeedClient(catalog, c.target));
    before["archive_no"] = client.archive_no;
  } else if (c.kind == "level" && !TargetsDocument(c)) {
    DANGAN_ASSIGN_OR_RETURN(Client client, NeedClient(catalog, c.target));
    before["level"] = ToString(client.level.value_or(catalog->default_level()));
  } else {
    auto id = ParseDocId(c.target);
    if (!id) return Status::InvalidArgument("change " + std::to_string(c.id) + ": bad target " + c.target);
    DANGAN_ASSIGN_OR_RETURN(Document d, NeedDocument(catalog, *id));
    if (c.kind == "refile") {
      before["archive_no"] = Opt(d.archive_no);
    } else if (c.kind == "level") {
      before["level"] = d.own_level ? json(ToString(*d.own_level)) : json(nullptr);
    } else {
      for (const auto& [key, v] : after.items()) before[key] = FieldValue(d, key);
    }
  }
  return before;
}

// NEW for a renumber or refile: normalised, a pattern match, a safe folder.
Result<std::string> ArchiveNumberArg(const ArchiveNumberRule& rule, const std::string& raw) {
  std::string n = NormaliseArchiveNoBasic(raw);
  if (!IsSafeArchiveFolder(n) || !rule.Matches(n))
    return Status::InvalidArgument(raw + " is not an archive number (pattern of archive.number_pattern)");
  return n;
}

Result<std::string> ResolveArchiveTarget(Catalog* catalog, const std::string& raw) {
  std::string n = NormaliseArchiveNoBasic(raw);
  auto current = catalog->ResolveArchiveNo(n);
  if (!current.ok()) return current.status();
  if (!current->has_value()) return Status::NotFound("no client with archive number " + raw);
  return **current;
}

// A number no archive has now or had before (numbers are not reused).
Status NumberIsFree(Catalog* catalog, const std::string& n) {
  auto level = catalog->ArchiveLevel(n);
  if (!level.ok()) return level.status();
  if (level->has_value()) return Status::InvalidArgument(n + " is already an archive's number");
  auto alias = catalog->GetAlias(n);
  if (!alias.ok()) return alias.status();
  if (alias->has_value())
    return Status::InvalidArgument(n + " was the number of archive " + (*alias)->new_no +
                                   " before it was renumbered; numbers are not reused");
  return Status::Ok();
}

Result<json> BuildAfter(Catalog* catalog, const ArchiveNumberRule& rule, const ProposalInput& in,
                        Change* c) {
  json after = json::object();
  if (in.kind == "client") {
    DANGAN_ASSIGN_OR_RETURN(c->target, ResolveArchiveTarget(catalog, in.target));
    DANGAN_ASSIGN_OR_RETURN(auto sets, ParseSets(in.sets, kClientChangeKeys, "client"));
    DANGAN_ASSIGN_OR_RETURN(Client client, NeedClient(catalog, c->target));
    for (auto& [key, v] : sets) {
      if (key == "uscc") {
        v = NormaliseUscc(v);
        if (!v.empty() && !IsValidUscc(v))
          return Status::InvalidArgument("uscc=" + v + ": not a unified social credit code "
                                         "(length, alphabet or check digit)");
      }
      if (key == "retention" && v != "short" && v != "long" && v != "permanent")
        return Status::InvalidArgument("retention=" + v + ": one of short, long, permanent");
      if (key == "type" && v != "enterprise" && v != "individual" && v != "institution")
        return Status::InvalidArgument("type=" + v + ": one of enterprise, individual, institution");
      if (key == "opened" && !v.empty() && !IsIsoDate(v))
        return Status::InvalidArgument("opened=" + v + ": expected a real day as YYYY-MM-DD");
      SetClientValue(&client, key, v);
      after[key] = v;
    }
    std::string why = ValidateClient(client, rule);
    if (!why.empty()) return Status::InvalidArgument("the client would be invalid: " + why);
  } else if (in.kind == "renumber") {
    DANGAN_ASSIGN_OR_RETURN(c->target, ResolveArchiveTarget(catalog, in.target));
    DANGAN_ASSIGN_OR_RETURN(std::string n, ArchiveNumberArg(rule, in.value));
    if (n == c->target) return Status::InvalidArgument(c->target + " already has that number");
    DANGAN_RETURN_IF_ERROR(NumberIsFree(catalog, n));
    after["archive_no"] = n;
  } else if (in.kind == "refile") {
    auto id = ParseDocId(in.target);
    if (!id) return Status::InvalidArgument(in.target + " is not a document id");
    c->target = std::to_string(*id);
    DANGAN_ASSIGN_OR_RETURN(Document d, NeedDocument(catalog, *id));
    if (!d.archive_no)
      return Status::InvalidArgument("document " + c->target +
                                     " is unfiled: file it with `dangan file " + c->target + " ARCHIVE_NO`");
    DANGAN_ASSIGN_OR_RETURN(std::string archive, ResolveArchiveTarget(catalog, in.value));
    if (archive == *d.archive_no)
      return Status::InvalidArgument("document " + c->target + " is already filed under " + archive);
    after["archive_no"] = archive;
  } else if (in.kind == "level") {
    auto level = ParseLevel(Trim(in.value));
    if (!level) return Status::InvalidArgument(in.value + ": one of public, internal, confidential, secret");
    if (auto id = ParseDocId(in.target)) {
      c->target = std::to_string(*id);
      DANGAN_ASSIGN_OR_RETURN(Document d, NeedDocument(catalog, *id));
      Level archive_level = catalog->default_level();
      if (d.archive_no) {
        auto al = catalog->ArchiveLevel(*d.archive_no);
        if (!al.ok()) return al.status();
        archive_level = al->value_or(archive_level);
      }
      if (*level < archive_level)
        return Status::InvalidArgument(std::string("document ") + c->target + " is in an archive that is " +
                                       ToString(archive_level) + "; a document can be set above its "
                                       "archive's level, not below");
    } else {
      DANGAN_ASSIGN_OR_RETURN(c->target, ResolveArchiveTarget(catalog, in.target));
    }
    after["level"] = ToString(*level);
  } else if (in.kind == "fields") {
    auto id = ParseDocId(in.target);
    if (!id) return Status::InvalidArgument(in.target + " is not a document id");
    c->target = std::to_string(*id);
    DANGAN_ASSIGN_OR_RETURN(auto sets, ParseSets(in.sets, kFieldChangeKeys, "document"));
    for (const auto& [key, v] : sets) {
      DANGAN_ASSIGN_OR_RETURN(after[key], FieldAfter(key, v));
    }
  } else {
    return Status::InvalidArgument("no change kind " + in.kind +
                                   " (client, renumber, refile, level, fields)");
  }
  return after;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

bool TargetsDocument(const Change& change) { return ParseDocId(change.target).has_value(); }

bool IsSafeArchiveFolder(const std::string& n) {
  return !n.empty() && n.front() != '.' && n.front() != '_' &&
         n.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

Result<Change> BuildProposal(Catalog* catalog, const ArchiveNumberRule& rule,
                             const ProposalInput& in) {
  Change c;
  c.kind = in.kind;
  c.reason = Trim(in.reason);
  if (c.reason.empty()) return Status::InvalidArgument("a change needs --reason TEXT");
  DANGAN_ASSIGN_OR_RETURN(json after, BuildAfter(catalog, rule, in, &c));
  DANGAN_ASSIGN_OR_RETURN(json before, Capture(catalog, c, after));
  if (before == after) return Status::InvalidArgument("the change would change nothing");
  c.before = Dump(before);
  c.after = Dump(after);
  return c;
}

Status CheckStillCurrent(Catalog* catalog, const Change& change) {
  json before = json::parse(change.before, nullptr, false);
  json after = json::parse(change.after, nullptr, false);
  if (!before.is_object() || !after.is_object())
    return Status::BadData("change " + std::to_string(change.id) + ": before/after are not JSON objects");
  auto now = Capture(catalog, change, after);
  if (now.status().code() == StatusCode::kNotFound)
    return Status::BadData("change " + std::to_string(change.id) + ": " + now.status().message() +
                           " any more; reject it and propose again");
  if (!now.ok()) return now.status();
  for (const auto& [key, was] : before.items()) {
    const json& is = (*now)[key];
    if (is != was)
      return Status::BadData("change " + std::to_string(change.id) + ": " + key + " of " +
                             change.target + " was " + was.dump() + " when proposed and is " +
                             is.dump() + " now; reject it and propose again");
  }
  if (change.kind == "renumber") {
    Status free = NumberIsFree(catalog, after.value("archive_no", ""));
    if (!free.ok()) return Status::BadData("change " + std::to_string(change.id) + ": " + free.message());
  }
  if (change.kind == "refile") {
    auto level = catalog->ArchiveLevel(after.value("archive_no", ""));
    if (!level.ok()) return level.status();
    if (!level->has_value())
      return Status::BadData("change " + std::to_string(change.id) + ": archive " +
                             after.value("archive_no", "") + " no longer exists");
  }
  return Status::Ok();
}

}  // namespace dangan::catalog
