// Router tests call Dispatch directly: no socket, the same code path the server runs.
#include "http/router.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

Request Make(std::string method, std::string target, std::string body = "",
             std::string content_type = "application/json") {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  if (!content_type.empty()) r.headers.emplace_back("content-type", content_type);
  r.request_id = "test-1";
  EXPECT_TRUE(r.ParseTarget());
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.Get("/things/{id}", Access::kPublic,
               [](Ctx& c) { return Response::Json(json::object{{"id", std::string(c.Param("id"))}}); });
    router.Post("/things", Access::kAgent, [](Ctx& c) { return Response::Json(c.Body(), 201); });
    router.Get("/boom", Access::kPublic, [](Ctx&) -> Response { throw std::runtime_error("secret detail"); });
    router.SetAuthenticator([](const Request& r) -> std::optional<Principal> {
      if (r.Header("authorization") == "Bearer agent") return Principal{"u1", Role::kAgent, "s1", false, ""};
      if (r.Header("authorization") == "Bearer viewer") return Principal{"u2", Role::kViewer, "s2", false, ""};
      if (r.Header("cookie") == "c") return Principal{"u1", Role::kAgent, "s3", true, "csrf-1"};
      return std::nullopt;
    });
  }
  static json::value BodyOf(const Response& r) { return json::parse(r.body); }
  Router router;
};

TEST_F(RouterTest, MatchesPathParameters) {
  Response r = router.Dispatch(Make("GET", "/things/abc%20d"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(BodyOf(r).at("id"), "abc d");
}

TEST_F(RouterTest, UnknownPathIs404ProblemAndWrongMethodIs405WithAllow) {
  Response r = router.Dispatch(Make("GET", "/nothing"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(BodyOf(r).at("type"), "/problems/not-found");
  r = router.Dispatch(Make("DELETE", "/things/1"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET");
}

TEST_F(RouterTest, EnforcesAuthenticationRolesAndCsrf) {
  EXPECT_EQ(router.Dispatch(Make("POST", "/things", "{}")).status, 401);
  Request viewer = Make("POST", "/things", "{}");
  viewer.headers.emplace_back("authorization", "Bearer viewer");
  EXPECT_EQ(router.Dispatch(viewer).status, 403);
  Request agent = Make("POST", "/things", "{\"a\":1}");
  agent.headers.emplace_back("authorization", "Bearer agent");
  EXPECT_EQ(router.Dispatch(agent).status, 201);
  Request cookie = Make("POST", "/things", "{}");
  cookie.headers.emplace_back("cookie", "c");
  Response r = router.Dispatch(cookie);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(BodyOf(r).at("type"), "/problems/csrf");
  cookie.headers.emplace_back("x-csrf-token", "csrf-1");
  EXPECT_EQ(router.Dispatch(cookie).status, 201);
}

TEST_F(RouterTest, RefusesWrongContentTypeAndBadJson) {
  Request text = Make("POST", "/things", "hello", "text/plain");
  text.headers.emplace_back("authorization", "Bearer agent");
  EXPECT_EQ(router.Dispatch(text).status, 415);
  Request bad = Make("POST", "/things", "{\"a\":");
  bad.headers.emplace_back("authorization", "Bearer agent");
  Response r = router.Dispatch(bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(BodyOf(r).at("type"), "/problems/invalid-json");
  Request deep = Make("POST", "/things", std::string(100000, '[') + std::string(100000, ']'));
  deep.headers.emplace_back("authorization", "Bearer agent");
  EXPECT_EQ(router.Dispatch(deep).status, 400);
}

TEST_F(RouterTest, UnexpectedExceptionsBecome500WithoutDetails) {
  Response r = router.Dispatch(Make("GET", "/boom"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
  EXPECT_EQ(BodyOf(r).at("request_id"), "test-1");
}

}  // namespace
}  // namespace hearth
