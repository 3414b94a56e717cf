#include "app/listen_address.hpp"

#include <charconv>

namespace torikumi::app {

Result<ListenAddress> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  const Error error{"--listen: expected HOST:PORT (127.0.0.1:8080), got \"" + text + "\""};
  if (colon == std::string::npos || colon == 0) return error;
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']')
    address.host = address.host.substr(1, address.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  const auto [end, status] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (status != std::errc{} || end != port.data() + port.size() || address.port < 0 ||
      address.port > 65535)
    return error;
  return address;
}

std::string listen_base_url(const ListenAddress& address) {
  const bool bracket = address.host.find(':') != std::string::npos;
  return "http://" + (bracket ? "[" + address.host + "]" : address.host) + ":" +
         std::to_string(address.port);
}

}  // namespace torikumi::app
