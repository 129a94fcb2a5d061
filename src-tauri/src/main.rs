fn main() { baohao_lib::run() }
