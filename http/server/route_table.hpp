#pragma once

// The server's route table: rows of method, path pattern, metrics label and handler, gathered
// from the handler groups (operations, feeds, api/, pages/) in the order cpp-httplib tries them.
// The server core knows handlers only through this table.

#include <cstddef>
#include <regex>
#include <string_view>
#include <vector>

#include "http/transport/route.hpp"

namespace httplib {
class Server;
}  // namespace httplib

namespace torikumi::http {

class RouteTable {
 public:
  // Appends rows; the first row whose method and pattern match a request takes it.
  void add(std::vector<Route> rows);

  // Registers every row with cpp-httplib. A row of a method with a body reads it first, held
  // to its own max_body_bytes, else to `max_body_bytes` (chunked too: cpp-httplib 0.11.4 does
  // not limit that); a body over it answers 413 and closes the connection.
  void install(httplib::Server& server, std::size_t max_body_bytes) const;

  // The label of the first row whose pattern takes `path`, whatever the method: "other" when
  // none does, or when the path is longer than 256 bytes (the event loop asks this of the
  // requests it refuses, and must not wait on a long match).
  std::string_view label_of(std::string_view path) const;

  // The label of the row whose handler runs on this thread, set by install()'s handlers;
  // cleared once read. Empty when no row took the request (cpp-httplib answered it).
  static std::string_view take_current_label();

 private:
  std::vector<Route> rows_;
  std::vector<std::regex> patterns_;
};

// Any write no row takes: its body is still read against the limit, then 404.
std::vector<Route> unknown_write_routes();

}  // namespace torikumi::http
