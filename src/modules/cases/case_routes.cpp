#include "modules/cases/case_routes.hpp"

#include "core/error.hpp"
#include "modules/cases/escalation.hpp"
#include "modules/record.hpp"

namespace hearth {

namespace {

// RFC 5987 encoding for the filename* parameter (names with ø, š …).
std::string PercentEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::string AsciiFallback(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '_';
  return out;
}

Response Download(const CaseAttachment& a, std::string bytes) {
  Response res;
  res.status = 200;
  res.content_type = a.content_type;
  res.body = std::move(bytes);
  res.With("Content-Disposition",
           "attachment; filename=\"" + AsciiFallback(a.filename) + "\"; filename*=UTF-8''" + PercentEncode(a.filename));
  res.With("X-Content-Type-Options", "nosniff");
  res.With("Content-Security-Policy", "default-src 'none'; sandbox");
  res.With("Cache-Control", "private, no-store");
  return res;
}

void AddSlaPolicyRoutes(Router& r, SlaPolicyService& policies) {
  const std::string base = "/api/v1/sla-policies";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(policies.List(c)); });
  r.Post(base, Access::kManager,
         [&, base](Ctx& c) { return CreatedResponse(policies.Create(c.principal().user_id, c.Body()), base); });
  r.Post(base + "/preview", Access::kViewer, [&](Ctx& c) { return Response::Json(policies.Preview(c.Body())); });
  r.Get(base + "/{id}", Access::kViewer,
        [&](Ctx& c) { return RecordResponse(policies.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", Access::kManager, [&](Ctx& c) {
    return RecordResponse(
        policies.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Delete(base + "/{id}", Access::kManager, [&](Ctx& c) {
    policies.Archive(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
}

}  // namespace

void AddCaseRoutes(Router& r, Db& db, CaseService& cases, SlaPolicyService& policies) {
  const std::string base = "/api/v1/cases";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(cases.List(c)); });
  r.Post(base, Access::kAgent,
         [&, base](Ctx& c) { return CreatedResponse(cases.Create(c.principal().user_id, c.Body()), base); });
  r.Get(base + "/{id}", Access::kViewer, [&](Ctx& c) { return RecordResponse(cases.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    return RecordResponse(cases.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Delete(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    cases.Archive(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
  r.Get(base + "/{id}/messages", Access::kViewer,
        [&](Ctx& c) { return Response::Json(cases.Messages(std::string(c.Param("id")), c)); });
  r.Post(base + "/{id}/messages", Access::kAgent, [&](Ctx& c) {
    return Response::Json(cases.AddMessage(c.principal().user_id, std::string(c.Param("id")), c.Body()), 201);
  });
  r.Get(base + "/{id}/events", Access::kViewer,
        [&](Ctx& c) { return Response::Json(cases.Events(std::string(c.Param("id")))); });
  r.Get(base + "/{id}/attachments", Access::kViewer,
        [&](Ctx& c) { return Response::Json(cases.Attachments(std::string(c.Param("id")))); });
  r.PostFile(base + "/{id}/attachments", Access::kAgent, [&](Ctx& c) {
    auto filename = c.Query("filename");
    if (!filename || filename->empty()) throw Error::BadRequest("Name the file: ?filename=report.pdf");
    AttachmentUpload upload{std::string(*filename), std::string(c.request().Header("content-type")),
                            c.request().body};
    return Response::Json(cases.AddAttachment(c.principal().user_id, std::string(c.Param("id")), upload), 201);
  });
  r.Get(base + "/{id}/attachments/{attachment_id}", Access::kViewer, [&](Ctx& c) {
    auto [meta, bytes] = cases.Attachment(std::string(c.Param("id")), std::string(c.Param("attachment_id")));
    return Download(meta, std::move(bytes));
  });
  r.Post(base + "/{id}/sales-lead", Access::kAgent, [&](Ctx& c) {
    json::object body = c.request().body.empty() ? json::object{} : c.Body();
    return Response::Json(cases.SalesLead(c.principal().user_id, std::string(c.Param("id")), body), 201);
  });
  AddSettingRoutes(r, db, EscalationSetting(), Access::kAdmin);
  AddSlaPolicyRoutes(r, policies);
}

}  // namespace hearth
