#pragma once

// `--listen HOST:PORT`, as `serve` listens and as the commands that print the server's links
// derive its address from it.

#include <string>

#include "engine/base/result.hpp"

namespace torikumi::app {

struct ListenAddress {
  std::string host;  // without the brackets of an IPv6 literal
  int port = 0;
};

// HOST:PORT, an IPv6 host in brackets ([::1]:8080), port 0 to 65535; else
// `--listen: expected HOST:PORT (127.0.0.1:8080), got "x"`.
Result<ListenAddress> parse_listen(const std::string& text);

// The address links start with when the server listens there and no base URL is configured:
// http://127.0.0.1:8080, http://[::1]:8080.
std::string listen_base_url(const ListenAddress& address);

}  // namespace torikumi::app
