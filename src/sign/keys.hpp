// The signer's key and certificate, where offices keep them: a PKCS#12
// file or a PKCS#11 token (USB token, smart card). The PIN or password
// comes from --pin-file, $VANBAN_PIN or a prompt without echo; never from
// the command line.
#pragma once
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "sign/sign.hpp"

namespace vb::sign {

class Credentials {
public:
  ~Credentials();
  Credentials();
  Credentials(const Credentials &) = delete;
  Credentials &operator=(const Credentials &) = delete;

  X509 *cert = nullptr;      // the signer's certificate
  std::vector<X509 *> chain; // other certificates to embed (issuers)
  EVP_PKEY *key = nullptr;   // may live on a token
  std::string where;         // "FILE.p12" or "token 'label' (slot 0x…)"
  struct Token;
  std::unique_ptr<Token> token; // keeps the PKCS#11 session open
};

// Loads the credentials; on failure reports into diags, sets `exit_code`
// and returns null. A wrong PIN is reported once: tokens lock after a few.
std::unique_ptr<Credentials> load_credentials(const KeyOptions &opt, Diagnostics &diags, int &exit_code);

// The PIN from --pin-file, $VANBAN_PIN or a prompt on the terminal (no echo).
// nullopt with a diagnostic when none can be had.
std::optional<std::string> read_pin(const KeyOptions &opt, const std::string &prompt, Diagnostics &diags,
                                    int &exit_code);

// Refuses a certificate that cannot sign at `when`: expired, not yet valid,
// or without the digitalSignature/nonRepudiation key usage.
bool check_certificate(X509 *cert, std::time_t when, const std::string &where, Diagnostics &diags);

// A distinguished-name attribute (NID_commonName, NID_organizationName) as UTF-8.
std::string name_entry(X509_NAME *name, int nid);
// "Nguyễn Văn A (CN=…, O=…)"-style one-line subject.
std::string subject_line(X509 *cert);

} // namespace vb::sign
