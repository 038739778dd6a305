// The signature value inside the PDF: a detached CMS SignedData over the
// signed byte ranges, made as PAdES baseline B asks (ETSI.CAdES.detached):
// SHA-256, the signer's certificate embedded, the ESS signing-certificate-v2
// attribute, and no signing-time attribute (the time is the PDF's /M).
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include <openssl/x509.h>

#include "sign/keys.hpp"

namespace vb::sign {

// The DER bytes of the CMS, or "" with `err` set.
std::string make_cades(const Credentials &c, const unsigned char (&sha256)[32], std::string &err);

// Bytes to reserve in /Contents for make_cades's output (DER bytes).
size_t cades_size_bound(const Credentials &c);

struct CmsCheck {
  bool parsed = false;    // a CMS SignedData with one signer
  bool valid = false;     // digest of the signed bytes and signature both check
  std::string problem;    // why not valid
  std::string digest;     // "SHA-256"
  std::string signer;     // subject_line of the signer's certificate
  std::string signer_org; // its O
  bool has_signing_time = false;
  std::time_t signing_time = 0; // signing-time attribute when present
  bool cert_in_time = false;    // the certificate was valid at `at`
  std::string cert_problem;     // "" when the chain checks against the trust anchors
};

// Trust anchors: `ca_file` (PEM), or the system's trust store when empty.
// Null with `err` set when the file cannot be read. Free with X509_STORE_free.
X509_STORE *trust_store(const std::string &ca_file, std::string &err);

// Verifies `der` (the /Contents bytes) against `data` (the signed ranges).
// The certificate chain is checked at time `at` against `trust` (skipped when null).
CmsCheck check_cms(const std::string &der, const std::string &data, std::time_t at, X509_STORE *trust);

} // namespace vb::sign
