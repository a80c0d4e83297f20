package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.source.SourceBytes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;

/**
 * A request carrying Lean code, whichever way it came: JSON {@code {"code", ...}}, {@code text/plain},
 * or a multipart {@code .lean} file (options then come from form fields).
 *
 * @param options the JSON body without {@code code}, or the form fields / query parameters
 */
record LeanRequest(String code, JsonObject options) {

  LeanRequest {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(options, "options");
  }

  /**
   * The body handler for routes that take Lean code: the body limit, and multipart uploads written
   * to a private temporary folder (not {@code file-uploads/} in the working directory) and deleted
   * when the request ends, whether it succeeded or not.
   */
  static BodyHandler bodyHandler(long maxBodyBytes) {
    return BodyHandler.create(UploadsFolder.PATH.toString()).setBodyLimit(maxBodyBytes).setDeleteUploadedFilesOnEnd(true);
  }

  /** How long a request may take to deliver its whole body before it is refused with 408. */
  static final long BODY_TIMEOUT_MILLIS = 30_000;

  /**
   * Mounts the body handling on {@code route}: {@link #bodyHandler}, guarded by a timer. A multipart
   * body that ends without its closing boundary never completes in the body handler and would get
   * no answer at all; after {@code bodyTimeoutMillis} such a request gets 408 and is closed.
   */
  static void mountBodyHandling(io.vertx.ext.web.Route route, long maxBodyBytes, long bodyTimeoutMillis) {
    route.handler(new BodyDeadline(bodyTimeoutMillis)).handler(bodyHandler(maxBodyBytes)).handler(ctx -> {
      java.util.concurrent.atomic.AtomicBoolean read = ctx.get(BODY_READ);
      if (read.compareAndSet(false, true)) {
        ctx.next();
      }
    });
  }

  /**
   * Starts the body's clock; a platform handler, since Vert.x runs those before the body handler.
   * Whichever comes first wins: the body read, or the 408.
   */
  private static final class BodyDeadline implements io.vertx.ext.web.handler.PlatformHandler {
    private final long timeoutMillis;

    BodyDeadline(long timeoutMillis) {
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handle(RoutingContext ctx) {
      java.util.concurrent.atomic.AtomicBoolean read = new java.util.concurrent.atomic.AtomicBoolean();
      ctx.put(BODY_READ, read);
      long timer = ctx.vertx().setTimer(timeoutMillis, fired -> {
        if (read.compareAndSet(false, true) && !ctx.response().ended()) {
          ctx.response().putHeader("Connection", "close");
          ctx.fail(new ApiException(408, "request_timeout", "the request body did not arrive complete within "
              + timeoutMillis / 1000.0 + " s (an unterminated multipart body?)"));
        }
      });
      ctx.addEndHandler(ended -> {
        ctx.vertx().cancelTimer(timer);
        // Whichever way the request ended (answered, failed, client gone), its uploads go with it.
        ctx.fileUploads().forEach(upload -> ctx.vertx().fileSystem().delete(upload.uploadedFileName())
            .onFailure(alreadyGone -> { }));
      });
      ctx.next();
    }
  }

  private static final String BODY_READ = "leanprove.bodyRead";

  /** Where multipart uploads are written while their request runs. */
  static Path uploadsFolder() {
    return UploadsFolder.PATH;
  }

  /** One private folder per process for multipart uploads; created on first use, removed at exit. */
  private static final class UploadsFolder {
    static final Path PATH = create();

    private static Path create() {
      try {
        Path dir = Files.createTempDirectory("leanprove-uploads-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        dir.toFile().deleteOnExit();
        return dir;
      } catch (IOException | UnsupportedOperationException e) {
        throw new IllegalStateException("cannot create a private folder for uploads: " + e.getMessage(), e);
      }
    }
  }

  static Future<LeanRequest> read(RoutingContext ctx) {
    String type = mediaType(ctx);
    if (type.equals("multipart/form-data")) {
      return fromUpload(ctx);
    }
    JsonObject query = new JsonObject();
    ctx.queryParams().forEach(query::put);
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("empty body: send JSON {\"code\": \"...\"}, text/plain Lean code, or a multipart .lean file");
    }
    if (type.equals("application/json")) {
      JsonObject json;
      try {
        json = new JsonObject(decode(body, "body"));
      } catch (DecodeException e) {
        throw ApiException.badRequest("body is not a JSON object: " + e.getMessage());
      }
      Object code = json.getValue("code");
      if (!(code instanceof String) || ((String) code).isBlank()) {
        throw ApiException.badRequest("field \"code\" is required and must be a non-empty string of Lean code");
      }
      JsonObject options = json.copy();
      options.remove("code");
      query.forEach(e -> options.put(e.getKey(), options.getValue(e.getKey(), e.getValue())));
      return Future.succeededFuture(new LeanRequest(requireUnicode((String) code, "\"code\""), options));
    }
    if (type.equals("text/plain") || type.isEmpty()) {
      return Future.succeededFuture(new LeanRequest(decode(body, "body"), query));
    }
    throw new ApiException(415, "unsupported_media_type",
        "unsupported content type " + type + ": use application/json, text/plain or multipart/form-data");
  }

  private static Future<LeanRequest> fromUpload(RoutingContext ctx) {
    FileUpload upload = ctx.fileUploads().stream().findFirst().orElse(null);
    if (upload == null) {
      throw ApiException.badRequest("multipart request has no file part: attach the .lean file");
    }
    JsonObject options = new JsonObject();
    ctx.request().formAttributes().forEach(options::put);
    ctx.queryParams().forEach(options::put);
    return ctx.vertx()
        .fileSystem()
        .readFile(upload.uploadedFileName())
        .map(buffer -> new LeanRequest(decode(buffer, "file " + upload.fileName()), options));
  }

  /** The media type alone, {@code type/subtype} lower-cased, without parameters such as {@code charset}. */
  private static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    if (header == null) {
      return "";
    }
    int parameters = header.indexOf(';');
    return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * A JSON string escape may spell a lone UTF-16 surrogate, which is no character: such text
   * cannot be written to a file for Lean, so it is the caller's mistake, named here.
   */
  private static String requireUnicode(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiException.badRequest(what + " contains a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
            + ") at index " + i + ": not valid Unicode text");
      }
    }
    return text;
  }

  private static String decode(Buffer buffer, String what) {
    try {
      return SourceBytes.decode(buffer.getBytes(), what);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
