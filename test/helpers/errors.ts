import { expect } from "vitest";

import { InputError } from "../../components/errors";

/** The InputError `run` throws, checked to be one line; fails the test when it throws nothing. */
export function oneLineInputError(run: () => unknown): InputError {
    try {
        run();
    } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        expect((err as Error).message).not.toContain("\n");
        return err as InputError;
    }
    throw new Error("expected an InputError");
}
