#include "serve/http.hpp"

#include <csignal>
#include <cstdio>
#include <httplib.h>
#include <pthread.h>
#include <sys/random.h>
#include <thread>

#include "serve/assets.hpp"

namespace vb::serve {

using json = nlohmann::json;

std::string new_token() {
  unsigned char b[16];
  size_t got = 0;
  while (got < sizeof b) {
    ssize_t n = ::getrandom(b + got, sizeof b - got, 0);
    if (n > 0)
      got += size_t(n);
  }
  static const char *hex = "0123456789abcdef";
  std::string t;
  for (unsigned char c : b) {
    t += hex[c >> 4];
    t += hex[c & 15];
  }
  return t;
}

namespace {

bool same(const std::string &a, const std::string &b) {
  // Constant time in the token's length: nothing to learn from timing.
  if (a.size() != b.size())
    return false;
  unsigned char d = 0;
  for (size_t i = 0; i < a.size(); ++i)
    d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

std::string cookie_value(const httplib::Request &req, const std::string &name) {
  std::string c = req.get_header_value("Cookie");
  size_t p = 0;
  while (p < c.size()) {
    size_t semi = c.find(';', p);
    std::string part = c.substr(p, semi == std::string::npos ? std::string::npos : semi - p);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) {
      part = part.substr(b);
      if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
        return part.substr(name.size() + 1);
    }
    if (semi == std::string::npos)
      break;
    p = semi + 1;
  }
  return {};
}

void security_headers(httplib::Response &res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
                 "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                 "frame-ancestors 'none'; form-action 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

// attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded
std::string disposition(const std::string &name) {
  static const char *hex = "0123456789ABCDEF";
  std::string ascii, enc;
  for (unsigned char c : name) {
    ascii += c < 0x80 && c >= 0x20 && c != '"' && c != '\\' ? char(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      enc += char(c);
    } else {
      enc += '%';
      enc += hex[c >> 4];
      enc += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + enc;
}

void send(httplib::Response &res, const Reply &r) {
  res.status = r.status;
  if (!r.bytes.empty() || !r.content_type.empty()) {
    if (!r.file_name.empty())
      res.set_header("Content-Disposition", disposition(r.file_name));
    res.set_content(r.bytes, r.content_type);
  } else {
    res.set_content(r.body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
  }
}

void send_error(httplib::Response &res, int status, const std::string &msg) {
  send(res, error_reply(status, msg));
}

} // namespace

struct HttpServer::Impl {
  std::shared_ptr<Editor> editor;
  httplib::Server svr;
  int port = 0;
  std::string cookie_name;
};

HttpServer::HttpServer(std::shared_ptr<Editor> editor, std::string token)
    : impl_(std::make_unique<Impl>()), token_(std::move(token)) {
  impl_->editor = std::move(editor);
  auto &svr = impl_->svr;
  Impl *im = impl_.get();
  const std::string tok = token_;
  svr.set_payload_max_length(kMaxBodyBytes);
  // Headers and body go out in separate writes: without this, Nagle's
  // algorithm and the browser's delayed ACK hold each answer back ~40 ms.
  svr.set_tcp_nodelay(true);
  // A page keeps its connections for its previews (the default closes one
  // every 5 requests). An open connection holds a worker while it waits, and
  // a browser opens up to 6 per tab: enough workers for a few tabs.
  svr.set_keep_alive_max_count(10000);
  svr.set_keep_alive_timeout(10);
  svr.new_task_queue = [] { return new httplib::ThreadPool(32); };
  svr.set_read_timeout(10);
  svr.set_write_timeout(30);

  // Every request: from this machine's loopback name (a page of another
  // site that rebinds its DNS name to 127.0.0.1 sends its own Host), and
  // with the token: in a header for the API (a cross-site page cannot set
  // one), in the cookie or the address for pages, fonts and images.
  svr.set_pre_routing_handler([im, tok](const httplib::Request &req, httplib::Response &res) {
    security_headers(res);
    std::string host = req.get_header_value("Host");
    std::string p = ":" + std::to_string(im->port);
    if (host != "127.0.0.1" + p && host != "localhost" + p) {
      send_error(res, 403, "địa chỉ không đúng: dùng http://127.0.0.1" + p + "/");
      return httplib::Server::HandlerResponse::Handled;
    }
    bool api = req.path.rfind("/api/", 0) == 0;
    bool ok =
        same(req.get_header_value("X-Vanban-Token"), tok) ||
        (!api && (same(cookie_value(req, im->cookie_name), tok) || same(req.get_param_value("t"), tok)));
    if (!ok) {
      send_error(res, 403,
                 "thiếu mã truy cập: mở địa chỉ mà `vanban serve` in ra (có ?t=…) trong trình duyệt");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
    std::string what = "lỗi bên trong máy chủ";
    try {
      if (ep)
        std::rethrow_exception(ep);
    } catch (const std::exception &e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    send_error(res, 500, what);
  });
  svr.set_error_handler([](const httplib::Request &, httplib::Response &res) {
    if (res.body.empty()) {
      std::string msg = res.status == 413   ? "nội dung gửi lên quá lớn"
                        : res.status == 404 ? "không có địa chỉ này"
                                            : "yêu cầu không hợp lệ";
      send_error(res, res.status, msg);
    }
  });

  // A handler's failures (bad JSON, a missing parameter) are answers.
  auto guarded = [](auto fn) {
    return [fn](const httplib::Request &req, httplib::Response &res) {
      try {
        fn(req, res);
      } catch (const json::exception &e) {
        send_error(res, 400, std::string("yêu cầu không hợp lệ: ") + e.what());
      } catch (const std::exception &e) {
        send_error(res, 500, std::string("lỗi bên trong máy chủ: ") + e.what());
      }
    };
  };
  auto ed = [im]() -> Editor & { return *im->editor; };

  svr.Get("/", guarded([im, tok](const httplib::Request &, httplib::Response &res) {
            const Asset *a = find_asset("index.html");
            std::string html(a->data);
            // The page's scripts read the token from here for their API calls.
            size_t p = html.find("{{token}}");
            if (p != std::string::npos)
              html.replace(p, 9, tok);
            res.set_header("Set-Cookie", im->cookie_name + "=" + tok + "; Path=/; HttpOnly; SameSite=Strict");
            res.set_content(html, std::string(a->mime));
          }));
  svr.Get(R"(/app/([A-Za-z0-9_./-]+))", guarded([](const httplib::Request &req, httplib::Response &res) {
            std::string p = req.matches[1];
            const Asset *a = p.find("..") == std::string::npos ? find_asset(p) : nullptr;
            if (!a || p == "index.html")
              return send_error(res, 404, "không có tệp " + p);
            res.set_content(std::string(a->data), std::string(a->mime));
          }));
  // The preview draws with the very font files the PDF embeds.
  svr.Get(R"(/fonts/(regular|bold|italic|bolditalic)\.ttf)",
          guarded([ed](const httplib::Request &req, httplib::Response &res) {
            std::string f = req.matches[1];
            text::Face face = f == "bold"      ? text::Face::Bold
                              : f == "italic"  ? text::Face::Italic
                              : f == "regular" ? text::Face::Regular
                                               : text::Face::BoldItalic;
            auto data = ed().fonts().data(face);
            res.set_header("Cache-Control", "private, max-age=3600");
            res.set_content(std::string(data), "font/ttf");
          }));
  svr.Get(R"(/img/(.+))", guarded([ed](const httplib::Request &req, httplib::Response &res) {
            send(res, ed().image(req.matches[1]));
          }));

  svr.Get("/api/info", guarded([ed](const httplib::Request &req, httplib::Response &res) {
            send(res, ed().info(req.get_param_value("name")));
          }));
  svr.Get("/api/files",
          guarded([ed](const httplib::Request &, httplib::Response &res) { send(res, ed().list()); }));
  svr.Post("/api/new", guarded([ed](const httplib::Request &req, httplib::Response &res) {
             json j = json::parse(req.body);
             send(res, ed().create(j.at("kind").get<std::string>(), j.at("name").get<std::string>()));
           }));
  svr.Get("/api/file", guarded([ed](const httplib::Request &req, httplib::Response &res) {
            send(res, ed().open(req.get_param_value("name")));
          }));
  svr.Put("/api/file", guarded([ed](const httplib::Request &req, httplib::Response &res) {
            send(res, ed().save(req.get_param_value("name"), req.body, req.get_param_value("version"),
                                req.get_param_value("force") == "1"));
          }));
  svr.Post("/api/preview", guarded([ed](const httplib::Request &req, httplib::Response &res) {
             json j = json::parse(req.body);
             std::vector<std::string> have;
             if (j.contains("have"))
               have = j.at("have").get<std::vector<std::string>>();
             send(res, ed().preview(req.get_param_value("name"), j.at("text").get<std::string>(), have));
           }));
  svr.Post("/api/export", guarded([ed](const httplib::Request &req, httplib::Response &res) {
             send(res,
                  ed().export_file(req.get_param_value("name"), req.body, req.get_param_value("format")));
           }));
  svr.Post("/api/upload", guarded([ed](const httplib::Request &req, httplib::Response &res) {
             send(res, ed().upload_image(req.get_param_value("name"), req.body));
           }));
  svr.Post("/api/import", guarded([ed](const httplib::Request &req, httplib::Response &res) {
             send(res,
                  ed().import_file(req.get_param_value("name"), req.body, req.get_param_value("target")));
           }));
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(int port) {
  auto &svr = impl_->svr;
  int p = -1;
  if (port == 0)
    p = svr.bind_to_any_port("127.0.0.1");
  else if (svr.bind_to_port("127.0.0.1", port))
    p = port;
  if (p > 0) {
    impl_->port = p;
    // Browsers send a localhost cookie to every port: name it by the port.
    impl_->cookie_name = "vanban-" + std::to_string(p);
  }
  return p;
}

void HttpServer::listen() {
  impl_->svr.listen_after_bind();
}

void HttpServer::stop() {
  impl_->svr.stop();
}

} // namespace vb::serve
