#include "sign/keys.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <libp11.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509v3.h>

#include "util/fsio.hpp"

namespace vb::sign {

struct Credentials::Token {
  PKCS11_CTX *ctx = nullptr;
  PKCS11_SLOT *slots = nullptr;
  unsigned nslots = 0;
  bool loaded = false;
  ~Token() {
    if (slots)
      PKCS11_release_all_slots(ctx, slots, nslots);
    if (loaded)
      PKCS11_CTX_unload(ctx);
    if (ctx)
      PKCS11_CTX_free(ctx);
  }
};

Credentials::Credentials() = default;

Credentials::~Credentials() {
  // The token's key goes before the module is unloaded.
  EVP_PKEY_free(key);
  X509_free(cert);
  for (X509 *c : chain)
    X509_free(c);
  token.reset();
}

namespace {

std::string openssl_error() {
  unsigned long e = ERR_peek_last_error();
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return e ? buf : "unknown error";
}

// A secret held briefly: wiped when it goes.
struct Secret {
  std::string s;
  ~Secret() { OPENSSL_cleanse(s.data(), s.size()); }
};

std::optional<std::string> prompt_tty(const std::string &prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return std::nullopt;
  termios old{};
  bool echo_off = ::tcgetattr(fd, &old) == 0;
  if (echo_off) {
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    echo_off = ::tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
  }
  if (::write(fd, prompt.data(), prompt.size()) < 0) {
    // The prompt is a courtesy; reading the PIN still works.
  }
  std::string pin;
  char c;
  ssize_t n;
  while ((n = ::read(fd, &c, 1)) == 1 && c != '\n')
    pin += c;
  if (echo_off)
    ::tcsetattr(fd, TCSAFLUSH, &old);
  if (::write(fd, "\n", 1) < 0) {
  }
  ::close(fd);
  if (n < 0)
    return std::nullopt;
  if (!pin.empty() && pin.back() == '\r')
    pin.pop_back();
  return pin;
}

std::string date_of(const ASN1_TIME *t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
    return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

int load_p12(const KeyOptions &opt, Credentials &c, Diagnostics &diags) {
  std::string err;
  auto bytes = read_file(opt.p12, err, 1 << 20);
  if (!bytes) {
    diags.error(opt.p12, {}, "cannot read the PKCS#12 file: " + err);
    return kExitIo;
  }
  const unsigned char *p = reinterpret_cast<const unsigned char *>(bytes->data());
  PKCS12 *p12 = d2i_PKCS12(nullptr, &p, long(bytes->size()));
  if (!p12) {
    diags.error(opt.p12, {}, "is not a PKCS#12 (.p12/.pfx) file",
                "export the certificate with its private key");
    return kExitInvalid;
  }
  // Files exported by older Windows tools use RC2/3DES, which OpenSSL 3
  // keeps in its legacy provider.
  static OSSL_PROVIDER *legacy = OSSL_PROVIDER_try_load(nullptr, "legacy", 1); // once, for the process
  (void)legacy;
  Secret pass;
  bool need =
      PKCS12_mac_present(p12) && !PKCS12_verify_mac(p12, "", 0) && !PKCS12_verify_mac(p12, nullptr, 0);
  if (need) {
    int rc = kExitOk;
    auto pin = read_pin(opt, "Password for " + opt.p12 + ": ", diags, rc);
    if (!pin) {
      PKCS12_free(p12);
      return rc;
    }
    pass.s = std::move(*pin);
    if (!PKCS12_verify_mac(p12, pass.s.c_str(), int(pass.s.size()))) {
      PKCS12_free(p12);
      ERR_clear_error();
      diags.error(opt.p12, {}, "wrong password for the PKCS#12 file",
                  "check $VANBAN_PIN or the --pin-file; nothing was signed");
      return kExitInvalid;
    }
  }
  STACK_OF(X509) *ca = nullptr;
  int ok = PKCS12_parse(p12, need ? pass.s.c_str() : "", &c.key, &c.cert, &ca);
  if (!ok && !need)
    ok = PKCS12_parse(p12, nullptr, &c.key, &c.cert, &ca);
  PKCS12_free(p12);
  if (!ok || !c.key || !c.cert) {
    diags.error(opt.p12, {}, "cannot read the key and certificate: " + openssl_error(),
                "the file must hold one private key and its certificate");
    sk_X509_pop_free(ca, X509_free);
    return kExitInvalid;
  }
  for (int i = 0; i < sk_X509_num(ca); ++i)
    c.chain.push_back(sk_X509_value(ca, i));
  sk_X509_free(ca);
  c.where = opt.p12;
  return kExitOk;
}

std::string hex_id(unsigned long v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%lx", v);
  return buf;
}

int load_pkcs11(const KeyOptions &opt, Credentials &c, Diagnostics &diags) {
  const std::string &mod = opt.pkcs11_module;
  c.token = std::make_unique<Credentials::Token>();
  auto &t = *c.token;
  t.ctx = PKCS11_CTX_new();
  if (!t.ctx || PKCS11_CTX_load(t.ctx, mod.c_str()) != 0) {
    ERR_clear_error();
    diags.error(mod, {}, "cannot load the PKCS#11 module",
                "give the token's module, e.g. /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so");
    return kExitIo;
  }
  t.loaded = true;
  if (PKCS11_enumerate_slots(t.ctx, &t.slots, &t.nslots) != 0) {
    diags.error(mod, {}, "cannot list the token slots: " + openssl_error());
    return kExitIo;
  }
  std::string have;
  std::vector<PKCS11_SLOT *> tokens;
  for (unsigned i = 0; i < t.nslots; ++i)
    if (t.slots[i].token && t.slots[i].token->initialized) {
      tokens.push_back(&t.slots[i]);
      have += (have.empty() ? "" : ", ") + hex_id(PKCS11_get_slotid_from_slot(&t.slots[i])) + " ('" +
              t.slots[i].token->label + "')";
    }
  PKCS11_SLOT *slot = nullptr;
  if (opt.slot.empty()) {
    if (tokens.size() != 1) {
      diags.error(mod, {}, tokens.empty() ? "no token is present" : "several tokens are present: " + have,
                  "insert the token, or choose one with --slot ID");
      return kExitInvalid;
    }
    slot = tokens[0];
  } else {
    char *end = nullptr;
    errno = 0;
    unsigned long want = std::strtoul(opt.slot.c_str(), &end, 0);
    if (errno || !end || *end || opt.slot[0] == '-') {
      diags.error(mod, {}, "--slot " + opt.slot + " is not a slot id", "slot ids: " + have);
      return kExitUsage;
    }
    for (PKCS11_SLOT *s : tokens)
      if (PKCS11_get_slotid_from_slot(s) == want)
        slot = s;
    if (!slot) {
      diags.error(mod, {}, "no token in slot " + opt.slot,
                  have.empty() ? "no slot holds a token" : "slots with a token: " + have);
      return kExitInvalid;
    }
  }
  PKCS11_TOKEN *tok = slot->token;
  c.where =
      std::string("token '") + tok->label + "' (slot " + hex_id(PKCS11_get_slotid_from_slot(slot)) + ")";
  if (tok->userPinLocked) {
    diags.error(c.where, {}, "the token's PIN is locked", "unlock it with the token's own tool");
    return kExitInvalid;
  }
  if (tok->loginRequired) {
    int rc = kExitOk;
    auto pin = read_pin(opt, "PIN for " + c.where + ": ", diags, rc);
    if (!pin)
      return rc;
    Secret s{std::move(*pin)};
    if (PKCS11_login(slot, 0, s.s.c_str()) != 0) {
      unsigned long r = ERR_GET_REASON(ERR_peek_last_error());
      ERR_clear_error();
      // CKR_PIN_INCORRECT, CKR_PIN_LEN_RANGE, CKR_PIN_LOCKED
      std::string what = r == 0xA4 ? "the token's PIN is locked" : "wrong PIN for " + c.where;
      diags.error(c.where, {}, what, "nothing was signed; the token counts wrong PINs and locks after a few");
      return kExitInvalid;
    }
  }
  PKCS11_CERT *certs = nullptr;
  unsigned ncerts = 0;
  if (PKCS11_enumerate_certs(tok, &certs, &ncerts) != 0) {
    diags.error(c.where, {}, "cannot list the certificates: " + openssl_error());
    return kExitIo;
  }
  PKCS11_CERT *found = nullptr;
  PKCS11_KEY *key = nullptr;
  std::string labels;
  for (unsigned i = 0; i < ncerts; ++i) {
    PKCS11_KEY *k = PKCS11_find_key(&certs[i]);
    if (!k || !certs[i].x509)
      continue;
    std::string label = certs[i].label ? certs[i].label : "";
    labels += (labels.empty() ? "'" : ", '") + label + "'";
    if (!opt.key_label.empty() && label != opt.key_label && (!k->label || opt.key_label != k->label))
      continue;
    if (found) {
      diags.error(c.where, {}, "the token holds several keys with certificates: " + labels,
                  "choose one with --key LABEL");
      return kExitUsage;
    }
    found = &certs[i];
    key = k;
  }
  ERR_clear_error();
  if (!found) {
    diags.error(c.where, {},
                opt.key_label.empty() ? "the token holds no private key with its certificate"
                                      : "no key labelled '" + opt.key_label + "' with a certificate",
                labels.empty() ? "import the key and its certificate with the same id" : "labels: " + labels);
    return kExitInvalid;
  }
  c.key = PKCS11_get_private_key(key);
  if (!c.key) {
    diags.error(c.where, {}, "cannot use the private key: " + openssl_error());
    return kExitInvalid;
  }
  X509_up_ref(found->x509);
  c.cert = found->x509;
  return kExitOk;
}

} // namespace

std::optional<std::string> read_pin(const KeyOptions &opt, const std::string &prompt, Diagnostics &diags,
                                    int &exit_code) {
  if (!opt.pin_file.empty()) {
    std::string err;
    auto s = read_file(opt.pin_file, err, 4096);
    if (!s) {
      diags.error(opt.pin_file, {}, "cannot read the PIN file: " + err);
      exit_code = kExitIo;
      return std::nullopt;
    }
    // One line: the editor's final newline is not part of the PIN.
    while (!s->empty() && (s->back() == '\n' || s->back() == '\r'))
      s->pop_back();
    return s;
  }
  if (const char *env = std::getenv("VANBAN_PIN"))
    return std::string(env);
  if (auto p = prompt_tty(prompt))
    return p;
  diags.error("", {}, "a PIN or password is needed and there is no terminal to ask",
              "set VANBAN_PIN or give --pin-file FILE (never the PIN itself on the command line)");
  exit_code = kExitUsage;
  return std::nullopt;
}

std::unique_ptr<Credentials> load_credentials(const KeyOptions &opt, Diagnostics &diags, int &exit_code) {
  auto c = std::make_unique<Credentials>();
  exit_code = !opt.p12.empty() ? load_p12(opt, *c, diags) : load_pkcs11(opt, *c, diags);
  if (exit_code != kExitOk)
    return nullptr;
  if (X509_check_private_key(c->cert, c->key) != 1) {
    ERR_clear_error();
    diags.error(c->where, {}, "the private key does not belong to the certificate");
    exit_code = kExitInvalid;
    return nullptr;
  }
  return c;
}

bool check_certificate(X509 *cert, std::time_t when, const std::string &where, Diagnostics &diags) {
  std::string who = name_entry(X509_get_subject_name(cert), NID_commonName);
  if (X509_cmp_time(X509_get0_notAfter(cert), &when) < 0) {
    diags.error(where, {}, "the certificate of " + who + " expired on " + date_of(X509_get0_notAfter(cert)),
                "sign with a valid certificate; nothing was signed");
    return false;
  }
  if (X509_cmp_time(X509_get0_notBefore(cert), &when) > 0) {
    diags.error(where, {},
                "the certificate of " + who + " is not valid before " + date_of(X509_get0_notBefore(cert)),
                "check the computer's clock; nothing was signed");
    return false;
  }
  uint32_t ku = X509_get_key_usage(cert);
  if ((X509_get_extension_flags(cert) & EXFLAG_KUSAGE) &&
      !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
    diags.error(where, {},
                "the certificate of " + who +
                    " is not for signing (its key usage has neither "
                    "digitalSignature nor nonRepudiation)");
    return false;
  }
  return true;
}

std::string name_entry(X509_NAME *name, int nid) {
  int i = name ? X509_NAME_get_index_by_NID(name, nid, -1) : -1;
  if (i < 0)
    return {};
  unsigned char *utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
  if (n < 0)
    return {};
  std::string s(reinterpret_cast<char *>(utf8), size_t(n));
  OPENSSL_free(utf8);
  return s;
}

std::string subject_line(X509 *cert) {
  X509_NAME *n = X509_get_subject_name(cert);
  std::string cn = name_entry(n, NID_commonName), o = name_entry(n, NID_organizationName);
  if (cn.empty())
    cn = o.empty() ? "(no name)" : o;
  else if (!o.empty())
    cn += " (" + o + ")";
  return cn;
}

} // namespace vb::sign
