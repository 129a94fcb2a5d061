import { render, screen } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FieldErrors } from "../lib/fieldErrors.svelte";
import { fixtures } from "../test/fixtures";
import { resetApp } from "../test/helpers";
import Field from "./Field.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const input = createRawSnippet((describedBy: () => string | undefined) => ({
  render: () => `<input id="f" aria-describedby="${describedBy() ?? ""}" />`,
}));

describe("the field", () => {
  it("labels its control and puts the error, or else the hint, under it", () => {
    const { rerender } = render(Field, {
      props: { id: "f", label: "Label", optional: true, hint: "A hint", children: input },
    });
    expect(screen.getByLabelText(/Label/)).toHaveAttribute("aria-describedby", "f-hint");
    expect(screen.getByText("(optional)", { exact: false })).toBeInTheDocument();
    rerender({ error: "Wrong", errorTestId: "f-error" });
    expect(screen.getByTestId("f-error")).toHaveTextContent("Wrong");
    expect(screen.getByRole("alert")).toHaveAttribute("id", "f-error");
    expect(screen.queryByText("A hint")).toBeNull();
  });
});

describe("field errors", () => {
  it("put a core error under the field it names, an alias's under its field, others on top", () => {
    const errors = new FieldErrors(["amount", "note"] as const, { currency: "amount" });
    expect(errors.show(fixtures.error("too_long", "reference"))).toBeNull();
    expect(errors.form?.code).toBe("too_long");
    expect(errors.show(fixtures.error("invalid_currency", "currency"))).toBe("amount");
    expect(errors.get("amount")).toBe("Choose a valid currency");
    errors.clear("amount");
    expect(errors.get("amount")).toBeNull();
    expect(errors.any).toBe(true);
    errors.clear();
    expect(errors.any).toBe(false);
  });
});
