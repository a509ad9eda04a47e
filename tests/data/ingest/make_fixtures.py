"""Regenerate the byte-exact CSV/JSON fixtures of tests/test_ingest*.py (run from anywhere).

Each file shows one habit of real registration exports; ``all_habits.csv`` has them all at once.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "record_type,id,name,affiliation,title,city,region,fields"


def write(name: str, text: str, *, bom=False, crlf=False, encoding="utf-8") -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    (HERE / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)



def main() -> None:
    write("bom.csv", HEADER + "\nexpert,B1,Shen Mingyu,Zhejiang University,professor,Hangzhou,Zhejiang province,robotics\n",
          bom=True)
    write("crlf.csv", HEADER + "\nexpert,C1,Shen Mingyu,Zhejiang University,professor,Hangzhou,Zhejiang province,"
          "robotics;big data\nexpert,C2,Lu Qingyun,Tianjin University,researcher,Tianjin,Tianjin,robotics\n", crlf=True)
    write("quoted.csv", HEADER + '\nexpert,Q1,Fang Zhiyuan,"Yangtze Delta Region Institute of Tsinghua University, '
          'Zhejiang",deputy dean,Jiaxing,Zhejiang province,photonics\n'
          'expert,Q2,"Wang ""Bill"" Wei","School of Materials Science and Engineering, Zhejiang University",'
          '"professor, doctoral supervisor",Hangzhou,Zhejiang province,"new materials;\nnew energy"\n'
          'expert,Q3,Ke Jun,Zhejiang University,professor,Hangzhou,Zhejiang province,textiles\n')
    write("lists.csv", "record_type,id,name,city,region,industry,needs\n"
          "enterprise,L1,\"Jiaxing Hengtai New Materials Co., Ltd.\",Jiaxing,Zhejiang province,new materials,"
          "new materials; photonics ;integrated circuits;\n"
          "enterprise,L2,Huzhou Lvyuan Environmental Technology Co.,Huzhou,Zhejiang province,environmental protection,"
          "environmental protection；new energy\n")
    write("blank_lines.csv", "\n" + HEADER + "\n\nexpert,K1,Shen Mingyu,Zhejiang University,professor,Hangzhou,"
          "Zhejiang province,robotics\n   \n,,,,,,,\n\nexpert,K2,Lu Qingyun,Tianjin University,researcher,Tianjin,"
          "Tianjin,robotics\n\n\n")
    write("repeated.csv", HEADER + "\n" + "expert,R1,Shen Mingyu,Zhejiang University,professor,Hangzhou,"
          "Zhejiang province,robotics\n" * 3 + "expert,R2,Lu Qingyun,Tianjin University,researcher,Tianjin,Tianjin,robotics\n")
    write("chinese.csv", HEADER + "\nexpert,Z1,林晓峰,浙江大学,教授,嘉兴,浙江省,新材料;光电\n"
          "expert,Z2,钱慧敏,\"清华大学长三角研究院, 浙江\",研究员,嘉兴市,浙江省,光电\n")
    write("gb18030.csv", HEADER + "\nexpert,G1,邵建平,浙江大学,教授,杭州,浙江省,大数据;人工智能\n", encoding="gb18030")
    write("all_habits.csv", HEADER + "\n\nexpert,A1,Fang Zhiyuan,\"Yangtze Delta Region Institute of Tsinghua University, "
          "Zhejiang\",deputy dean,Jiaxing,Zhejiang province,new materials;photonics\n"
          "expert,A2,林晓峰,浙江大学,教授,嘉兴,浙江省,新材料;光电\n\n"
          "expert,A2,林晓峰,浙江大学,教授,嘉兴,浙江省,新材料;光电\n"
          "expert,A3,Shen Mingyu,Zhejiang University,professor,Hangzhou,Zhejiang province,robotics; big data\n",
          bom=True, crlf=True)
    write("mixed.csv", HEADER + "\n"
          "expert,M1,Shen Mingyu,Zhejiang University,professor,Hangzhou,Zhejiang province,robotics;big data\n"
          "expert,M2,,Zhejiang University,professor,Hangzhou,Zhejiang province,robotics\n"
          "patent,M3,A Patent,Zhejiang University,,Hangzhou,,\n"
          "expert,M4,Lu Qingyun,Tianjin University,researcher,Tianjin,Tianjin,robotics,unquoted, comma\n"
          "expert,M5,Ma Lihua,Hefei University of Technology,professor,Hefei,Anhui province,hydrogen energy\n")
    write("mixed.jsonl",
          '{"record_type": "membership", "member": "Jiaxing", "member_type": "City", "programme": "Innovation China", '
          '"role": "innovation hub city", "year": 2021}\n'
          '{"record_type": "membership", "member": "Jiaxing", "member_type": "Planet", "programme": "Innovation China"}\n'
          '{"record_type": "membership", "member": "Hefei", "member_type": "city", "programme": "Innovation China", '
          '"year": "twenty"}\n'
          '{"record_type": "cooperation", "party_a": "Hangzhou", "party_a_type": "City", "party_b": "Changchun"}\n'
          '["not", "an", "object"]\n'
          '{"record_type": "project", "title": "Broken JSON",\n'
          '\n'
          '{"record_type": "cooperation", "id": "C9", "party_a": "Hangzhou", "party_a_type": "City", '
          '"party_b": "长春", "party_b_type": "City", "date": "2021/8/26", "topic": "photonics"}\n')
    write("broken.json", '[\n  {"record_type": "project", "id": "P1", "title": "Hengtai Academician Workstation",\n'
          '   "organiser": "Zhejiang Association for Science and Technology",\n'
          '   "participants": ["Zhejiang University", "Gu Shiqiang", "Jiaxing"], "city": "Jiaxing", "year": 2022},\n'
          '  {"record_type": "project", "title": "Second Project", "fields": "big data; robotics"},\n'
          '  {"record_type": "project", "title": "Third" "oops": 1},\n'
          '  {"record_type": "project", "title": "Never read"}\n]\n')
    write("not_json.json", "this is not JSON at all\n")
    write("semicolon_delimited.csv", "record_type;name;affiliation\nexpert;Shen Mingyu;Zhejiang University\n")
    (HERE / "binary.csv").write_bytes(b"record_type,name\x00\x01\x02\xff\xfe\x00garbage")
    (HERE / "notes.xlsx").write_bytes(b"PK\x03\x04 not a registration format")


if __name__ == "__main__":
    main()
