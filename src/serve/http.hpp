// The HTTP side of `vanban serve` (cpp-httplib): 127.0.0.1 only, a per-run
// token on every request, the Host header checked (no DNS rebinding), bodies
// size-limited, every handler's failure an answer rather than a crash.
// Routes map onto Editor; the web assets are compiled into the binary.
#pragma once
#include <memory>
#include <string>

#include "serve/editor.hpp"

namespace vb::serve {

inline constexpr size_t kMaxBodyBytes = 16u << 20; // any request body

struct ServeOptions {
  std::string dir = ".";
  int port = -1; // -1: 8930, or the next free port; 0: any free port
  app::Config cfg;
  Importer importer; // empty until the import stage provides one
};

class HttpServer {
public:
  HttpServer(std::shared_ptr<Editor> editor, std::string token);
  ~HttpServer();
  HttpServer(const HttpServer &) = delete;
  HttpServer &operator=(const HttpServer &) = delete;

  // Binds 127.0.0.1:port (0 = any free port); returns the port or -1.
  int bind(int port);
  void listen(); // serves until stop()
  void stop();
  const std::string &token() const { return token_; }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string token_;
};

// A fresh random token (hex), from the kernel's generator.
std::string new_token();

// `vanban serve`: serves `o.dir` until SIGINT/SIGTERM; returns the exit status.
int serve_run(ServeOptions o);

} // namespace vb::serve
