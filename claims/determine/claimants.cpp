// Claimants as connected components (Boost.Graph). Customers sharing a key are chained
// customer to customer in key order, which has the same components as the bipartite
// customer-key graph with far fewer vertices and edges.
#include "claims/determine/claimants.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string_view>
#include <tuple>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// The hash of a (key_type, key) pair: equal pairs hash alike.
std::size_t hash_of(const Identity& identity) {
    const std::size_t type_hash = std::hash<std::string_view>{}(identity.key_type);
    const std::size_t key_hash = std::hash<std::string_view>{}(identity.key);
    return type_hash ^ (key_hash + 0x9e37'79b9'7f4a'7c15ULL + (type_hash << 6) + (type_hash >> 2));
}

// One edge between consecutive customers of the same (key_type, key). Only the grouping
// of equal pairs matters (components do not depend on edge order), so identities are
// sorted by the hash of their pair first and the strings compared only on equal hashes:
// equal pairs are still contiguous, with far fewer string comparisons.
Graph customer_graph(const Case& loaded) {
    struct Entry {
        std::size_t hash = 0;
        const Identity* identity = nullptr;
    };
    std::vector<Entry> identities;
    identities.reserve(loaded.identities.size());
    for (const Identity& identity : loaded.identities) {
        KANZAI_ASSERT(identity.customer_index < loaded.customers.size());
        identities.push_back({.hash = hash_of(identity), .identity = &identity});
    }
    std::sort(identities.begin(), identities.end(), [](const Entry& a, const Entry& b) {
        if (a.hash != b.hash) {
            return a.hash < b.hash;
        }
        return std::tie(a.identity->key_type, a.identity->key) <
               std::tie(b.identity->key_type, b.identity->key);
    });
    Graph graph(loaded.customers.size());
    for (std::size_t i = 1; i < identities.size(); ++i) {
        const Identity& previous = *identities[i - 1].identity;
        const Identity& current = *identities[i].identity;
        if (previous.key_type == current.key_type && previous.key == current.key &&
            previous.customer_index != current.customer_index) {
            boost::add_edge(previous.customer_index, current.customer_index, graph);
        }
    }
    return graph;
}

}  // namespace

Claimants find_claimants(const Case& loaded) {
    const std::size_t customers_count = loaded.customers.size();
    const Graph graph = customer_graph(loaded);
    std::vector<std::uint32_t> component(customers_count, 0);
    const std::size_t components_count =
        customers_count == 0 ? 0 : boost::connected_components(graph, component.data());
    // The smallest customer_id of each component names it.
    std::vector<std::uint32_t> smallest(components_count, no_index);
    for (std::uint32_t c = 0; c < customers_count; ++c) {
        std::uint32_t& best = smallest[component[c]];
        if (best == no_index || loaded.customers[c].id < loaded.customers[best].id) {
            best = c;
        }
    }
    // Number claimants by their id (bytes), so claimant indexes do not depend on row order.
    std::vector<std::uint32_t> order(components_count);
    for (std::uint32_t k = 0; k < components_count; ++k) {
        order[k] = k;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return loaded.customers[smallest[a]].id < loaded.customers[smallest[b]].id;
    });
    std::vector<std::uint32_t> index_of_component(components_count, no_index);
    Claimants result;
    result.ids.reserve(components_count);
    for (std::uint32_t k = 0; k < components_count; ++k) {
        index_of_component[order[k]] = k;
        result.ids.push_back(loaded.customers[smallest[order[k]]].id);
    }
    result.of_customer.resize(customers_count);
    for (std::uint32_t c = 0; c < customers_count; ++c) {
        result.of_customer[c] = index_of_component[component[c]];
    }
    return result;
}

}  // namespace kanzai::claims
