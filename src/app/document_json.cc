#include "app/document_json.h"

#include <fmt/format.h>

#include "core/utf8.h"

namespace dangan::app {
namespace {

using Json = nlohmann::json;

Json Opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

size_t Columns(const std::string& s) {
  size_t cols = 0;
  for (char32_t c : DecodeUtf8(s)) cols += (c >= 0x1100 && (IsCjk(c) || (c >= 0xAC00 && c <= 0xD7A3))) ? 2 : 1;
  return cols;
}

}  // namespace

Json DocumentJson(const catalog::Document& d) {
  Json candidates = Json::array();
  for (const auto& c : d.candidates)
    candidates.push_back({{"archive_no", c.archive_no.empty() ? Json(nullptr) : Json(c.archive_no)},
                          {"rule", c.rule},
                          {"why", c.why}});
  return {{"id", d.id},
          {"sha256", d.sha256},
          {"original_name", d.original_name},
          {"sources", d.sources},
          {"mime", d.mime},
          {"size", d.size},
          {"pages", d.pages},
          {"state", ToString(d.state)},
          {"text_source", ToString(d.text_source)},
          {"archive_no", Opt(d.archive_no)},
          {"routed_by", ToString(d.routed_by)},
          {"candidates", std::move(candidates)},
          {"doc_type", ToString(d.doc_type)},
          {"title", d.title},
          {"fields",
           {{"contract_no", Opt(d.fields.contract_no)},
            {"invoice_no", Opt(d.fields.invoice_no)},
            {"date", Opt(d.fields.date)},
            {"amount", Opt(d.fields.amount)},
            {"currency", Opt(d.fields.currency)},
            {"uscc", Opt(d.fields.uscc)}}},
          {"stored_path", d.stored_path},
          {"ingested_at", d.ingested_at},
          {"level", ToString(d.level)}};
}

Json ClientJson(const catalog::Client& c) {
  auto opt = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  return {{"archive_no", c.archive_no},   {"name", c.name},
          {"uscc", opt(c.uscc)},          {"client_code", opt(c.client_code)},
          {"type", c.type},               {"legal_rep", opt(c.legal_rep)},
          {"address", opt(c.address)},    {"phone", opt(c.phone)},
          {"credit_rating", opt(c.credit_rating)}, {"retention", c.retention},
          {"opened", opt(c.opened)},
          {"level", c.level ? nlohmann::json(ToString(*c.level)) : nlohmann::json(nullptr)}};
}

Json QuarantineJson(const catalog::QuarantineItem& q) {
  return {{"id", q.id},         {"source", q.source}, {"sha256", q.sha256},
          {"reason", ToString(q.reason)}, {"detail", q.detail}, {"at", q.at},
          {"file", "quarantine/" + std::to_string(q.id) + "/" + q.file_name}};
}

std::string PadColumns(const std::string& s, size_t width) {
  size_t cols = Columns(s);
  return cols >= width ? s : s + std::string(width - cols, ' ');
}

std::string DocumentLine(const catalog::Document& d) {
  return fmt::format("{:>6}  {}  {}  {}  {}\n", d.id, PadColumns(d.archive_no.value_or("(unfiled)"), 13),
                     PadColumns(ToString(d.doc_type), 8), PadColumns(d.fields.date.value_or("-"), 10),
                     d.title);
}

std::string DocumentText(const catalog::Document& d) {
  auto v = [](const std::optional<std::string>& o) { return o.value_or("-"); };
  std::string out = fmt::format("document {}  {}\n", d.id, d.title);
  out += fmt::format("  archive      {}  (routed by {})\n", d.archive_no.value_or("(unfiled)"),
                     ToString(d.routed_by));
  for (const auto& c : d.candidates)
    out += fmt::format("  candidate    {} [{}] {}\n", c.archive_no.empty() ? "-" : c.archive_no,
                       c.rule, c.why);
  out += fmt::format("  type         {}\n", ToString(d.doc_type));
  out += fmt::format("  contract no  {}\n  invoice no   {}\n", v(d.fields.contract_no),
                     v(d.fields.invoice_no));
  out += fmt::format("  date         {}\n  amount       {} {}\n", v(d.fields.date), v(d.fields.amount),
                     d.fields.currency.value_or(""));
  out += fmt::format("  uscc         {}\n", v(d.fields.uscc));
  out += fmt::format("  state        {} (text: {}, {} pages)\n", ToString(d.state),
                     ToString(d.text_source), d.pages);
  out += fmt::format("  file         {} ({}, {} bytes)\n", d.stored_path, d.mime, d.size);
  out += fmt::format("  sha256       {}\n  ingested     {}\n", d.sha256, d.ingested_at);
  for (size_t i = 0; i < d.sources.size(); ++i)
    out += fmt::format("  {}  {}\n", i == 0 ? "source      " : "duplicate   ", d.sources[i]);
  return out;
}

}  // namespace dangan::app
