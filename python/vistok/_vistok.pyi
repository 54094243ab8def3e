"""The native module (Rust): see vistok/__init__.py for the typed API."""

import numpy as np
import numpy.typing as npt

__version__: str

def answer(line: str) -> str: ...
def count_many(
    model: str, widths: npt.NDArray[np.int64], heights: npt.NDArray[np.int64], options: str
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
def models() -> str: ...
