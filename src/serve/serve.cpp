// `vanban serve`: the start-up message, and a clean stop on Ctrl-C.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <thread>

#include "serve/http.hpp"

namespace vb::serve {

int serve_run(ServeOptions o) {
  std::string err;
  auto ws = Workspace::open(o.dir, err);
  if (!ws) {
    std::fprintf(stderr, "%s: error: cannot open the folder: %s (give an existing folder of data files)\n",
                 o.dir.c_str(), err.c_str());
    return kExitIo;
  }
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd, o.cfg.fonts);
  if (!fonts) {
    std::fputs(fd.str().c_str(), stderr);
    return kExitIo;
  }

  // Ctrl-C and SIGTERM are taken by a thread that stops the server, so the
  // server's own threads never see them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  auto editor = std::make_shared<Editor>(std::move(*ws), o.cfg, fonts, o.importer);
  HttpServer server(editor, new_token());
  int port = -1;
  if (o.port >= 0) {
    port = server.bind(o.port);
  } else {
    for (int p = 8930; p < 8950 && port < 0; ++p)
      port = server.bind(p);
    if (port < 0)
      port = server.bind(0);
  }
  if (port < 0) {
    std::fprintf(stderr, "vanban serve: error: cannot listen on 127.0.0.1:%d: %s (choose another --port)\n",
                 o.port, std::strerror(errno));
    return kExitIo;
  }
  std::printf("vanban serve: %s\n  open http://127.0.0.1:%d/?t=%s\n  (Ctrl-C stops it)\n",
              editor->workspace().dir().c_str(), port, server.token().c_str());
  std::fflush(stdout);

  std::thread signals([&] {
    int sig = 0;
    sigwait(&set, &sig);
    server.stop();
  });
  server.listen();
  // listen() also returns when the socket fails: wake the signal thread.
  pthread_kill(signals.native_handle(), SIGTERM);
  signals.join();
  return kExitOk;
}

} // namespace vb::serve
