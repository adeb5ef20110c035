// The one place that writes problem+json (RFC 9457) from an Error.
#pragma once

#include "core/error.hpp"
#include "http/request.hpp"

namespace hearth {

Response ProblemResponse(const Error& error, std::string_view request_id);

}  // namespace hearth
