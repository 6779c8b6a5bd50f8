// Stable diagnostic code ranges. Codes are never renumbered; each module defines its codes in its own
// header (config/configcodes.h, chain/chaincodes.h, sim/simcodes.h, ...) inside its range.
//
//   CS10xx  HCL syntax          CS11xx  JSON syntax        CS12xx  YAML syntax
//   CS13xx  loading (files, formats, limits)
//   CS20xx  decoding (kinds, unknown keys, types, durations)
//   CS21xx  entry validation (Consul Normalize/Validate)  CS22xx  Kubernetes webhook validation
//   CS23xx  edition (enterprise-only fields under CE)      CS24xx  duplicates across files
//   CS30xx  discovery-chain graph errors                   CS31xx  compile request errors
//   CS40xx  filter expressions      CS41xx  catalogs       CS42xx  simulation / intentions
//   CS50xx  layout                  CS51xx  export
#pragma once
