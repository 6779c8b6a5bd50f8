// The discovery chain compiler: config entries + a request → Consul's compiled chain (compile.go).
#pragma once

#include "chain/compiledchain.h"
#include "common/diagnostic.h"
#include "config/entries.h"

#include <QList>

#include <memory>

namespace chainscope::chain {

class EntryIndex;

/**
 * Compiles discovery chains over one set of entries. Building it indexes the entries once (by kind and
 * name, plus namespace/partition under Enterprise); every compile() afterwards only looks things up, so
 * compiling every chain of a large mesh is cheap. The entries are copied; the compiler is immutable and
 * may be shared by threads.
 */
class ChainCompiler
{
public:
    explicit ChainCompiler(QList<config::Entry> entries);
    ~ChainCompiler();
    ChainCompiler(const ChainCompiler &) = delete;
    ChainCompiler &operator=(const ChainCompiler &) = delete;
    ChainCompiler(ChainCompiler &&) noexcept;
    ChainCompiler &operator=(ChainCompiler &&) noexcept;

    /**
     * Compiles the chain for request.serviceName as Consul's discoverychain.Compile does. On a graph
     * error (Consul's ConfigEntryGraphError: protocol mismatch, missing subset, circular redirect or
     * split, ExternalSNI conflicts, advanced routing on a non-HTTP protocol) there is no value and one
     * error diagnostic (code CS30xx, Consul's message) located at the entry field that causes it. Request
     * errors (empty service name, ...) are CS31xx.
     */
    [[nodiscard]] Result<CompiledChain> compile(const CompileRequest &request) const;

    /** The entries this compiler was built from. */
    [[nodiscard]] const QList<config::Entry> &entries() const;

private:
    std::unique_ptr<EntryIndex> m_index;
};

/** One-shot convenience: index `entries` and compile one chain. */
[[nodiscard]] Result<CompiledChain> compile(const QList<config::Entry> &entries, const CompileRequest &request);

struct CheckOptions {
    config::Edition edition = config::Edition::Enterprise;
    QString datacenter = QStringLiteral("dc1");
    QString trustDomain = kDefaultTrustDomain.toString();
};

/**
 * Compiles the chain of every service named by a resolver, router, splitter or service-defaults entry
 * (in that entry's namespace/partition; under CE all "default"; in options.datacenter), as Consul does
 * when it validates a write, and returns the graph errors, each located at the causing entry and field.
 * An error met by several chains (same code and place) is reported once. `chainscope validate` calls
 * this after entry validation.
 */
[[nodiscard]] Diagnostics checkGraph(const QList<config::Entry> &entries, const CheckOptions &options = {});

} // namespace chainscope::chain
