package dev.leanprove.leanbridge.message;

/** A place in a Lean file as Lean reports it: 1-based line, 0-based column in Unicode code points. */
public record Position(int line, int column) implements Comparable<Position> {

  public Position {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("position must not be negative: " + line + ":" + column);
    }
  }

  @Override
  public int compareTo(Position other) {
    return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
