// Claimants as connected components (Boost.Graph). Customers sharing a key are chained
// customer to customer in key order, which has the same components as the bipartite
// customer-key graph with far fewer vertices and edges.
#include "claims/claimants.hpp"

#include <algorithm>
#include <tuple>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// One edge between consecutive customers of the same (key_type, key).
Graph customer_graph(const Case& loaded) {
    std::vector<const Identity*> identities;
    identities.reserve(loaded.identities.size());
    for (const Identity& identity : loaded.identities) {
        KANZAI_ASSERT(identity.customer_index < loaded.customers.size());
        identities.push_back(&identity);
    }
    std::sort(identities.begin(), identities.end(), [](const Identity* a, const Identity* b) {
        return std::tie(a->key_type, a->key) < std::tie(b->key_type, b->key);
    });
    Graph graph(loaded.customers.size());
    for (std::size_t i = 1; i < identities.size(); ++i) {
        const Identity& previous = *identities[i - 1];
        const Identity& current = *identities[i];
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
