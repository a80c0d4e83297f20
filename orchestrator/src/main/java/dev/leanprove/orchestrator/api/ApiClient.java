package dev.leanprove.orchestrator.api;

import io.vertx.ext.web.RoutingContext;

/** Who sent a request, as its token says: the owner of the jobs it submits. */
record ApiClient(String name, boolean admin) {

  /** Without tokens everyone is the same client, who sees every job. */
  static final ApiClient ANONYMOUS = new ApiClient("", true);

  private static final String KEY = "leanprove.client";

  static ApiClient of(RoutingContext ctx) {
    ApiClient client = ctx.get(KEY);
    return client != null ? client : ANONYMOUS;
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** Whether this client may see and cancel a job owned by {@code owner}. */
  boolean sees(String owner) {
    return admin || name.equals(owner);
  }
}
