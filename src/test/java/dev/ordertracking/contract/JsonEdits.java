package dev.ordertracking.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits of a JSON tree at a JSON Pointer; {@code null} as the value removes the member. */
final class JsonEdits {

    private JsonEdits() {
    }

    /** A change to make: set {@code pointer} to {@code value}, or remove it when value is null. */
    record Edit(String pointer, JsonNode value) {
        static Edit remove(String pointer) {
            return new Edit(pointer, null);
        }

        static Edit set(String pointer, Object value) {
            return new Edit(pointer, ContractSchema.JSON.valueToTree(value));
        }

        @Override
        public String toString() {
            return value == null ? "remove " + pointer : pointer + " = " + shorten(value.toString());
        }
    }

    static <T extends JsonNode> T apply(T root, Edit... edits) {
        for (Edit e : edits) {
            apply(root, e.pointer(), e.value());
        }
        return root;
    }

    static void apply(JsonNode root, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        String last = p.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            if (value == null) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        } else if (parent instanceof ArrayNode a) {
            int index = p.last().getMatchingIndex();
            if (value == null) {
                a.remove(index);
            } else {
                a.set(index, value);
            }
        } else {
            throw new IllegalArgumentException("no object or array at " + p.head() + " of " + pointer);
        }
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
