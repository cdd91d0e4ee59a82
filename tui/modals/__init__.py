"""Modal screens (``ModalScreen[T]`` closed with ``dismiss(value)``)."""
