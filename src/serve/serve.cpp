// `vanban serve [DIR] [--port N]`: options, start-up message, and a clean
// stop on Ctrl-C.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <thread>

#include "serve/http.hpp"

namespace vb::serve {

namespace {

const char *kHelp = "usage: vanban serve [DIR] [--port N] [--templates DIR] [--fonts DIR]\n"
                    "\n"
                    "Starts the editor for the data files of DIR (default: the current folder):\n"
                    "a local web page with a form for every part of a document, its pages as\n"
                    "they will print beside it, the checks of `vanban check` as you type, and\n"
                    "export to DOCX and PDF. Listens on 127.0.0.1 only and prints the address to\n"
                    "open, with a token that every request must carry. Ctrl-C stops it.\n"
                    "\n"
                    "  --port N          port to listen on (default: 8930, or the next free one;\n"
                    "                    0 = any free port)\n"
                    "  --templates DIR   folder of the templates\n"
                    "  --fonts DIR       folder of the Liberation Serif 2 fonts\n";

int usage(const std::string &msg) {
  std::fprintf(stderr, "vanban serve: %s\n\n%s", msg.c_str(), kHelp);
  return kExitUsage;
}

} // namespace

int serve_main(int argc, char **argv, Importer importer) {
  ServeOptions o;
  o.importer = std::move(importer);
  bool dir_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](std::string &dst) {
      if (i + 1 >= argc)
        return false;
      dst = argv[++i];
      return true;
    };
    if (s == "--help" || s == "-h") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (s == "--port" || s == "-p") {
      std::string n;
      if (!value(n) || n.empty() || n.size() > 5 || n.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(n) > 65535)
        return usage(s + " needs a port number (0–65535)");
      o.port = std::stoi(n);
    } else if (s == "--templates") {
      if (!value(o.cfg.templates_dir))
        return usage("--templates needs a folder");
    } else if (s == "--fonts") {
      if (!value(o.cfg.fonts.dir))
        return usage("--fonts needs a folder");
    } else if (!s.empty() && s[0] == '-') {
      return usage("unknown option " + s);
    } else if (dir_given) {
      return usage("serve takes one folder");
    } else {
      o.dir = s;
      dir_given = true;
    }
  }

  std::string err;
  auto ws = Workspace::open(o.dir, err);
  if (!ws) {
    std::fprintf(stderr, "%s: error: cannot open the folder: %s (give an existing folder of data files)\n",
                 o.dir.c_str(), err.c_str());
    return kExitIo;
  }
  Diagnostics fd;
  auto fonts = text::Fonts::load(fd, o.cfg.fonts.dir);
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
