#!/usr/bin/env bash
cat <<'TEXT'

  ECM demo is starting on http://127.0.0.1:8000

  Sign in as any of these (service 1: Glannau Teifi, service 2: Bro Hafren):
    case-manager-1   psychologist-1   team-manager-1   senior-manager-1
    partner-1        evaluator-1      service-admin-1
    (and the same names ending in -2)
  Password:      ecm-demo-password
  Second factor: add the key ECMD EMOT OTPS ECRE TKEY 2345 to an authenticator app,
                 or run `make demo-code` in another terminal for the current code.

TEXT
