package dev.leanprove.leanbridge.repl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The REPL's framing. A command is one JSON object followed by an empty line; we write it compact,
 * so the only line breaks inside it are escaped ({@code \n}), as the REPL requires. An answer is one
 * pretty-printed JSON value spread over lines and followed by an empty line, so answers are read as
 * a stream of JSON values, never line by line.
 */
final class ReplWire {

  static final ObjectMapper JSON = new ObjectMapper();

  private final JsonParser parser;

  /** Reads answers from the REPL's stdout; nothing is read ahead beyond the value being parsed. */
  ReplWire(InputStream stdout) throws IOException {
    // A Reader, not the stream: the byte-stream parser reads ahead to detect the encoding, which
    // blocks on a pipe that has nothing to say until a command is sent.
    this.parser = new JsonFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .createParser(new InputStreamReader(stdout, StandardCharsets.UTF_8));
    this.parser.setCodec(JSON);
  }

  /** {@code {"cmd": text}} or {@code {"cmd": text, "env": n}}, framed: the bytes to write to stdin. */
  static String command(String text, OptionalInt env) {
    ObjectNode command = JSON.createObjectNode();
    command.put("cmd", text);
    env.ifPresent(n -> command.put("env", n));
    return frame(command);
  }

  static String frame(ObjectNode command) {
    try {
      return JSON.writeValueAsString(command) + "\n\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * The next answer, blocking until it is complete; empty at end of output.
   *
   * @throws IOException when the output is not JSON (the process is then of no further use)
   */
  Optional<JsonNode> next() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return Optional.empty();
    }
    if (token != JsonToken.START_OBJECT) {
      throw new IOException("the REPL printed " + token + " where an answer object was expected");
    }
    return Optional.of(parser.readValueAsTree());
  }
}
